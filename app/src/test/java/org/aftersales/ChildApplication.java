package org.aftersales;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a JVM of its own, started from this test JVM's class path, so that a test can run several
 * nodes and kill one as an operating system would ({@link #kill()}: SIGKILL, no shutdown hooks, nothing flushed).
 * Its output goes to {@code target/child-logs/<name>.log} for diagnosis; a child left behind by an aborted test dies
 * with the test JVM (shutdown hook), and tests destroy their children in {@code @AfterAll}.
 */
public final class ChildApplication implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ChildApplication(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@link AfterSalesApplication} with these program arguments, listening on {@code port} (127.0.0.1). */
  public static ChildApplication start(String name, int port, List<String> arguments) {
    try {
      Path logs = Path.of("target", "child-logs");
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-XX:+UseSerialGC");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-Djava.awt.headless=true");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(AfterSalesApplication.class.getName());
      command.add("--server.port=" + port);
      command.add("--server.address=127.0.0.1");
      command.addAll(arguments);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).directory(new File(".")).start();
      ChildApplication child = new ChildApplication(name, port, process, log);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return child;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the application says it is ready to take traffic; fails with the end of its log if it died. */
  public void awaitReady(Duration patience) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " stopped with exit code " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(name + " was not ready within " + patience + ":\n" + tail());
  }

  /** SIGKILL on Linux: the JVM gets no chance to finish anything. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  /** The last lines of the log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
