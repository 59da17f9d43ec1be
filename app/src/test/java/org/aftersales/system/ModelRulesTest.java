package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every model in processes/ follows (processes/README.md), checked on the files designers edit,
 * so that a change in Modeler that breaks one fails here with the element named.
 */
class ModelRulesTest {

  static final Path PROCESSES = Path.of("..", "processes");
  static final Path FORMS = Path.of("..", "forms");

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyProcessKeepsItsHistoryForALimitedTimeAndIsNamedAfterItsFile(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    List<Process> processes = bpmn.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    assertThat(processes).hasSize(1);
    assertThat(processes.get(0).getCamundaHistoryTimeToLiveString()).as("historyTimeToLive").isNotBlank();
    assertThat(model.getFileName().toString()).isEqualTo(processes.get(0).getId() + ".bpmn");
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskHasAGroupADueDateAndAFormOfTheSameRelease(Path model) throws IOException {
    Set<String> formIds = formIds();
    for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).as(task.getId() + " candidate group").isNotBlank();
      assertThat(task.getCamundaDueDate()).as(task.getId() + " due date").startsWith("${");
      assertThat(task.getCamundaFormRef()).as(task.getId() + " form").isIn(formIds);
      assertThat(task.getCamundaFormRefBinding()).as(task.getId() + " form binding").isEqualTo("deployment");
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void timeLimitsComeFromConfigurationNotLiterals(Path model) {
    for (TimeDuration duration : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(TimeDuration.class)) {
      assertThat(duration.getTextContent().trim()).as("timer in " + model).startsWith("${");
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void tasksThatTalkToOutsideSystemsRunAsynchronously(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    Stream.concat(bpmn.getModelElementsByType(ServiceTask.class).stream(),
            bpmn.getModelElementsByType(SendTask.class).stream())
        .filter(task -> !String.valueOf(task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression"))
            .matches("\\$\\{(checkEligibilityDelegate|calculateRefundDelegate|checkCoverageDelegate|chargeDiagnosisFeeDelegate|assessComplaintDelegate)}"))
        .forEach(task -> assertThat(((FlowNode) task).isCamundaAsyncBefore()).as(task.getId() + " asyncBefore").isTrue());
  }

  private static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path form : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode root = json.readTree(form.toFile());
        ids.add(root.get("id").asText());
      }
    }
    return ids;
  }
}
