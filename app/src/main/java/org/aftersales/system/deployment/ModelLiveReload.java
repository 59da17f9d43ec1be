package org.aftersales.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Live reload for process designers, a development mode ({@code aftersales.deployment.live-reload.enabled},
 * on only in profile {@code dev}): looks at the designers' folders ({@code processes/}, {@code forms/}) every
 * {@code poll-interval} and, once nothing in them has changed for {@code quiet-period}, deploys the files in
 * them, not the packaged copies, through {@link ModelDeployer#deploy(ProcessEngine, Map)}: under the same
 * resource names, all together, and only if something differs from the latest deployment. New cases start on
 * the new versions; running ones go on under theirs. A model the engine refuses is logged with its file and
 * the parser's message and not deployed; the running version stays, and the next change is tried again.
 *
 * <p>The folders are polled rather than watched with a {@code WatchService}, which misses changes on some
 * file systems (Docker bind mounts, network drives) and polls slowly on macOS anyway.
 */
@Component
@ConditionalOnProperty(name = "aftersales.deployment.live-reload.enabled", havingValue = "true")
public class ModelLiveReload implements SmartLifecycle {

  /**
   * What one reload did.
   *
   * @param number       counts the reloads since start-up, the one at start-up being 1
   * @param changed      the files changed since the reload before (all of them at start-up)
   * @param deploymentId the deployment the folders' files are in now; null if they could not be deployed
   * @param deployed     whether that deployment is a new one (false: the files were the same as deployed)
   * @param problem      why the files could not be deployed (each file with the parser's message); null if they were
   */
  public record Reload(long number, Set<String> changed, String deploymentId, boolean deployed, String problem) {}

  private record FileState(Path path, long size, FileTime modified) {}

  private static final Logger LOG = LoggerFactory.getLogger(ModelLiveReload.class);

  private final ProcessEngine engine;
  private final ModelDeployer deployer;
  private final LiveReloadProperties settings;
  /** The folders watched, by the resource name prefix of their files ({@code processes/}). */
  private final Map<String, Path> folders = new LinkedHashMap<>();

  private ScheduledExecutorService watcher;

  // owned by the watcher thread
  private Map<String, FileState> seen;
  private Map<String, FileState> reloaded = Map.of();
  private long changedAt;
  private boolean pending;
  private long reloads;

  private volatile Reload last;

  public ModelLiveReload(ProcessEngine engine, ModelDeployer deployer, LiveReloadProperties settings) {
    this.engine = engine;
    this.deployer = deployer;
    this.settings = settings;
  }

  /** The last reload; null before the first one. */
  public Reload lastReload() {
    return last;
  }

  @Override
  public synchronized void start() {
    for (String folder : settings.folders()) {
      Path path = Path.of(folder.trim()).toAbsolutePath().normalize();
      String prefix = path.getFileName() + "/";
      if (!Arrays.asList(ModelDeployer.FOLDERS).contains(prefix)) {
        LOG.warn("Live reload: {} skipped: only folders named processes or forms hold models and forms", path);
      } else if (!Files.isDirectory(path)) {
        LOG.info("Live reload: {} skipped: there is no such folder", path);
      } else if (folders.containsKey(prefix) && !folders.get(prefix).equals(path)) {
        LOG.warn("Live reload: {} skipped: {} is watched already", path, folders.get(prefix));
      } else {
        folders.put(prefix, path);
      }
    }
    if (folders.isEmpty()) {
      LOG.warn("Live reload is on, but none of the folders {} exists (working directory {}): nothing is watched",
          settings.folders(), Path.of("").toAbsolutePath());
      return;
    }
    // the first look deploys the folders as they are, should they differ from the packaged copies
    seen = null;
    watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "model-live-reload");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(1, settings.pollInterval().toMillis());
    watcher.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
    LOG.info("Live reload: models and forms changed in {} are deployed again (development mode)", folders.values());
  }

  @Override
  public synchronized void stop() {
    if (watcher == null) {
      return;
    }
    watcher.shutdown();
    try {
      if (!watcher.awaitTermination(10, TimeUnit.SECONDS)) {
        watcher.shutdownNow();
      }
    } catch (InterruptedException e) {
      watcher.shutdownNow();
      Thread.currentThread().interrupt();
    }
    watcher = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return watcher != null;
  }

  private void poll() {
    try {
      Map<String, FileState> now = scan();
      long time = System.nanoTime();
      if (!now.equals(seen)) {
        seen = now;
        changedAt = time;
        pending = true;
      } else if (pending && time - changedAt >= settings.quietPeriod().toNanos()) {
        pending = !reload(now);
      }
    } catch (IOException | UncheckedIOException e) {
      // a file or folder vanished while we looked (an editor replacing it, a git checkout): look again
      LOG.debug("Live reload: folders not readable just now, looking again: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("Live reload failed; watching on", e);
    }
  }

  /** The deployable files in the folders now, by resource name. */
  private Map<String, FileState> scan() throws IOException {
    Map<String, FileState> files = new TreeMap<>();
    for (Map.Entry<String, Path> folder : folders.entrySet()) {
      if (!Files.isDirectory(folder.getValue())) {
        throw new NoSuchFileException(folder.getValue().toString());
      }
      try (Stream<Path> paths = Files.walk(folder.getValue())) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          String relative = folder.getValue().relativize(path).toString().replace('\\', '/');
          String name = folder.getKey() + relative;
          // editors' temporary and backup files start with a dot
          if (Stream.of(relative.split("/")).anyMatch(part -> part.startsWith(".")) || !deployer.isDeployable(name)) {
            continue;
          }
          BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
          if (attributes.isRegularFile()) {
            files.put(name, new FileState(path, attributes.size(), attributes.lastModifiedTime()));
          }
        }
      }
    }
    return files;
  }

  /** Deploys the files; false if they could not be read (to be tried again), true otherwise. */
  private boolean reload(Map<String, FileState> files) {
    Map<String, byte[]> resources = new TreeMap<>();
    try {
      // packaged copies of a folder not watched (one that does not exist here) stay in the deployment
      resources.putAll(ModelDeployer.read(deployer.findResources().entrySet().stream()
          .filter(resource -> folders.keySet().stream().noneMatch(resource.getKey()::startsWith))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
      for (Map.Entry<String, FileState> file : files.entrySet()) {
        resources.put(file.getKey(), Files.readAllBytes(file.getValue().path()));
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("Live reload: a file could not be read, trying again: {}", e.toString());
      return false;
    }
    Set<String> changed = changedSince(reloaded, files);
    reloaded = files;
    long number = ++reloads;
    if (files.isEmpty()) {
      LOG.warn("Live reload: no models or forms in {}: nothing deployed", folders.values());
      last = new Reload(number, changed, null, false, "no models or forms in " + folders.values());
      return true;
    }
    try {
      long before = deploymentCount();
      Deployment deployment = deployer.deploy(engine, resources);
      boolean deployed = deploymentCount() > before;
      if (deployed) {
        LOG.info("Live reload: {} changed; new cases start on {} (deployment {}), running cases go on under their "
            + "versions", changed, versions(deployment), deployment.getId());
      } else {
        LOG.info("Live reload: {} the same as deployed (deployment {}): nothing deployed",
            number == 1 ? folders.values() : changed, deployment.getId());
      }
      last = new Reload(number, changed, deployment.getId(), deployed, null);
    } catch (ProcessEngineException e) {
      String problem = problem(e);
      LOG.error("Live reload: the change to {} is not deployed; the running versions stay until the next change.\n{}",
          changed, problem);
      last = new Reload(number, changed, null, false, problem);
    }
    return true;
  }

  private static Set<String> changedSince(Map<String, FileState> before, Map<String, FileState> now) {
    Set<String> changed = new TreeSet<>();
    before.keySet().stream().filter(name -> !now.containsKey(name)).forEach(changed::add);
    now.forEach((name, state) -> {
      if (!state.equals(before.get(name))) {
        changed.add(name);
      }
    });
    return changed;
  }

  private long deploymentCount() {
    return engine.getRepositoryService().createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count();
  }

  private String versions(Deployment deployment) {
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
        .orderByProcessDefinitionKey().asc().list().stream()
        .map(definition -> definition.getKey() + " v" + definition.getVersion())
        .collect(Collectors.joining(", "));
  }

  /** Each file the engine refused, with where and why; the engine's message if it names none. */
  static String problem(ProcessEngineException e) {
    List<String> lines = new ArrayList<>();
    if (e instanceof ParseException parse) {
      for (ResourceReport report : parse.getResorceReports()) {
        for (Problem error : report.getErrors()) {
          List<String> where = new ArrayList<>();
          if (error.getLine() > 0) {
            where.add("line " + error.getLine() + ", column " + error.getColumn());
          }
          if (error.getMainElementId() != null) {
            where.add("element " + error.getMainElementId());
          }
          lines.add("  " + report.getResourceName() + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")")
              + ": " + error.getMessage());
        }
      }
    }
    if (lines.isEmpty()) {
      lines.add("  " + e.getMessage());
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      if (cause != e && cause.getMessage() != null && !String.valueOf(e.getMessage()).contains(cause.getMessage())) {
        lines.add("  caused by: " + cause.getMessage());
      }
    }
    return String.join("\n", lines);
  }
}
