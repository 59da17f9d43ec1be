package org.aftersales.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.aftersales.returns.ReturnProcess.Element;
import org.aftersales.returns.ReturnProcess.Var;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Live reload for designers: the application watches copies of {@code processes/} and {@code forms/}; what
 * the tests change there reaches new cases, while cases already running go on under their version, and a
 * model the engine refuses leaves the running version in place until the next change.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false",
    "aftersales.deployment.live-reload.enabled=true",
    "aftersales.deployment.live-reload.poll-interval=PT0.1S",
    "aftersales.deployment.live-reload.quiet-period=PT0.3S"})
class ModelLiveReloadTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  /** The designers' folders as the application sees them: copies, which the tests change. */
  static final Path DESIGN = copyOfTheDesignersFolders();
  static final Path RETURN_MODEL = DESIGN.resolve("processes/return-request.bpmn");
  static final Path REVIEW_FORM = DESIGN.resolve("forms/review-request.form");

  @DynamicPropertySource
  static void watchTheCopies(DynamicPropertyRegistry registry) {
    registry.add("aftersales.deployment.live-reload.folders",
        () -> DESIGN.resolve("processes") + "," + DESIGN.resolve("forms"));
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired ModelLiveReload liveReload;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    // the watcher has settled: the folders' files are in the latest deployment (the one at start-up included)
    await().atMost(PATIENCE).until(() -> liveReload.lastReload() != null
        && latestDeploymentId().equals(liveReload.lastReload().deploymentId()));
  }

  @Test
  void aChangedModelReachesNewCasesWhileRunningCasesGoOnUnderTheirVersion() {
    String runningCase = flow.open(Map.of());
    ProcessInstance running = flow.instance(runningCase);
    ProcessDefinition before = latestReturnRequest();
    assertThat(running.getProcessDefinitionId()).isEqualTo(before.getId());
    String oldTaskName = flow.task(running, Element.REVIEW).getName();
    String oldStage = flow.view(runningCase).get("stage").asText();

    String marker = marker();
    String newTaskName = "审核退货申请 " + marker;
    String newStage = "Waiting for after-sales review " + marker;
    edit(RETURN_MODEL, "(<camunda:property name=\"listName\" value=\")审核退货申请[^\"]*(\")", newTaskName);
    edit(RETURN_MODEL, "(<camunda:property name=\"stage\" value=\")Waiting for after-sales review[^\"]*(\")", newStage);

    ProcessDefinition after = awaitNewerThan(before);
    assertThat(after.getResourceName()).isEqualTo("processes/return-request.bpmn");
    assertThat(repositoryService.getDeploymentResourceNames(after.getDeploymentId()))
        .as("the folders' files under their usual names, forms included")
        .containsExactlyInAnyOrderElementsOf(filesIn(DESIGN));

    String newCase = flow.open(Map.of());
    ProcessInstance started = flow.instance(newCase);
    assertThat(started.getProcessDefinitionId()).isEqualTo(after.getId());
    Task newTask = flow.task(started, Element.REVIEW);
    assertThat(newTask.getName()).as("the row names the case after the new wording").startsWith(newTaskName + " · " + newCase);
    assertThat(flow.view(newCase).get("stage").asText()).isEqualTo(newStage);
    assertThat(deployedForm(newTask)).as("the form from the same deployment").contains("\"id\": \"review-request\"");

    assertThat(flow.instance(runningCase).getProcessDefinitionId()).isEqualTo(before.getId());
    Task oldTask = flow.task(running, Element.REVIEW);
    assertThat(oldTask.getName()).isEqualTo(oldTaskName);
    assertThat(flow.view(runningCase).get("stage").asText()).isEqualTo(oldStage);
    engine.getTaskService().complete(oldTask.getId(), Map.of(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    assertThat(engine.getRuntimeService().getActiveActivityIds(running.getId()))
        .as("the running case goes on under its version").contains(Element.AWAIT_GOODS);
    assertThat(flow.instance(runningCase).getProcessDefinitionId()).isEqualTo(before.getId());
  }

  @Test
  void aChangedFormReachesNewCases() {
    String runningCase = flow.open(Map.of());
    Task oldTask = flow.task(flow.instance(runningCase), Element.REVIEW);
    ProcessDefinition before = latestReturnRequest();

    String label = "给客户的拒绝理由 " + marker();
    edit(REVIEW_FORM, "(\"key\": \"rejectReason\",\\s*\"label\": \")[^\"]*(\")", label);

    ProcessDefinition after = awaitNewerThan(before);
    String newCase = flow.open(Map.of());
    Task newTask = flow.task(flow.instance(newCase), Element.REVIEW);
    assertThat(flow.instance(newCase).getProcessDefinitionId()).isEqualTo(after.getId());
    assertThat(deployedForm(newTask)).contains(label);
    assertThat(deployedForm(oldTask)).as("the running case keeps the form of its version")
        .contains("\"id\": \"review-request\"").doesNotContain(label);
  }

  @Test
  void aBrokenModelLeavesTheRunningVersionInPlaceUntilTheNextChange() throws IOException {
    ProcessDefinition good = latestReturnRequest();
    long reloads = liveReload.lastReload().number();
    String working = Files.readString(RETURN_MODEL);

    String broken = working.replace("targetRef=\"Task_ReviewRequest\"", "targetRef=\"Task_NoSuchTask\"");
    assertThat(broken).isNotEqualTo(working);
    Files.writeString(RETURN_MODEL, broken);

    await().atMost(PATIENCE).until(() -> liveReload.lastReload().number() > reloads
        && liveReload.lastReload().problem() != null);
    ModelLiveReload.Reload failed = liveReload.lastReload();
    assertThat(failed.problem())
        .as("the file and the parser's message").contains("processes/return-request.bpmn", "Task_NoSuchTask");
    assertThat(failed.deploymentId()).isNull();
    assertThat(latestReturnRequest().getId()).as("the running version stays").isEqualTo(good.getId());

    String caseId = flow.open(Map.of());
    ProcessInstance instance = flow.instance(caseId);
    assertThat(instance.getProcessDefinitionId()).isEqualTo(good.getId());
    assertThat(flow.task(instance, Element.REVIEW)).isNotNull();

    String stage = "Waiting for after-sales review " + marker();
    Files.writeString(RETURN_MODEL, working);
    edit(RETURN_MODEL, "(<camunda:property name=\"stage\" value=\")Waiting for after-sales review[^\"]*(\")", stage);

    await().atMost(PATIENCE).until(() -> liveReload.lastReload().number() > failed.number()
        && liveReload.lastReload().deployed());
    assertThat(liveReload.lastReload().problem()).isNull();
    ProcessDefinition repaired = latestReturnRequest();
    assertThat(repaired.getVersion()).isGreaterThan(good.getVersion());
    String laterCase = flow.open(Map.of());
    assertThat(flow.instance(laterCase).getProcessDefinitionId()).isEqualTo(repaired.getId());
    assertThat(flow.view(laterCase).get("stage").asText()).isEqualTo(stage);
  }

  @Test
  void aFileSavedWithoutChangesDeploysNothing() throws IOException {
    ProcessDefinition before = latestReturnRequest();
    long reloads = liveReload.lastReload().number();

    Files.setLastModifiedTime(RETURN_MODEL, FileTime.from(Instant.now().plusSeconds(5)));

    await().atMost(PATIENCE).until(() -> liveReload.lastReload().number() > reloads);
    assertThat(liveReload.lastReload().changed()).containsExactly("processes/return-request.bpmn");
    assertThat(liveReload.lastReload().deployed()).isFalse();
    assertThat(liveReload.lastReload().problem()).isNull();
    assertThat(latestReturnRequest().getId()).isEqualTo(before.getId());
  }

  private ProcessDefinition latestReturnRequest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReturnProcess.KEY).latestVersion()
        .singleResult();
  }

  private String latestDeploymentId() {
    return repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0).getId();
  }

  private ProcessDefinition awaitNewerThan(ProcessDefinition before) {
    await().atMost(PATIENCE).until(() -> latestReturnRequest().getVersion() > before.getVersion());
    return latestReturnRequest();
  }

  private String deployedForm(Task task) {
    try (InputStream form = formService.getDeployedTaskForm(task.getId())) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String marker() {
    return "(" + UUID.randomUUID().toString().substring(0, 8) + ")";
  }

  /** Replaces what the one group of {@code regex} between its two groups matches with {@code value}. */
  private static void edit(Path file, String regex, String value) {
    try {
      String content = Files.readString(file);
      Matcher matcher = Pattern.compile(regex).matcher(content);
      assertThat(matcher.find()).as("%s in %s", regex, file).isTrue();
      String changed = matcher.replaceFirst(Matcher.quoteReplacement(matcher.group(1) + value + matcher.group(2)));
      Files.writeString(file, changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resource names of the models and forms under {@code root}'s processes/ and forms/. */
  private static List<String> filesIn(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .filter(name -> name.matches("processes/.*\\.(bpmn|dmn)|forms/.*\\.form"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyOfTheDesignersFolders() {
    try {
      Path root = Files.createDirectories(Path.of("target", "live-reload", UUID.randomUUID().toString()));
      for (String folder : List.of("processes", "forms")) {
        Path source = Path.of("..", folder);
        try (Stream<Path> files = Files.walk(source)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Path target = root.resolve(folder).resolve(source.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(target);
            } else {
              Files.copy(file, target);
            }
          }
        }
      }
      return root.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
