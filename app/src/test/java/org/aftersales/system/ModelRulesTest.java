package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.aftersales.cases.CaseSummary;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every model in processes/ follows (processes/README.md, {@link DiagramRules}), checked on the files
 * designers edit, so that a change in Modeler that breaks one fails here with the file, the element and the fix
 * named; then each rule is broken on purpose in a copy of a model, to prove it can fail.
 */
class ModelRulesTest {

  static final Path PROCESSES = ModelChecks.PROCESSES;
  static final Path FORMS = ModelChecks.TOP.resolve("forms");
  static final String RETURN = "processes/return-request.bpmn";

  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  static final List<DiagramRules.Form> ALL_FORMS = DiagramRules.readForms(FORMS);
  static final String SOURCES = DiagramRules.sources(ModelChecks.MAIN_SOURCES);

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  static Map<String, BpmnModelInstance> all() throws IOException {
    Map<String, BpmnModelInstance> models = new java.util.TreeMap<>();
    for (Path model : models().toList()) {
      models.put("processes/" + model.getFileName(), Bpmn.readModelFromFile(model.toFile()));
    }
    return models;
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyModelFollowsTheRules(Path model) throws IOException {
    Map<String, BpmnModelInstance> models = all();
    String file = "processes/" + model.getFileName();
    List<String> problems = DiagramRules.all(file, models.get(file), models.values(), ALL_FORMS, SOURCES);
    assertThat(problems).as(DiagramRules.report(problems)).isEmpty();
  }

  static Stream<DiagramRules.Form> forms() {
    return ALL_FORMS.stream();
  }

  /**
   * The case summary, documents and history are display values of every task (CaseSummary); every form shows them, the
   * summary and history read-only, the documents as links.
   */
  @ParameterizedTest
  @MethodSource("forms")
  void everyFormShowsTheCaseItsDocumentsAndItsHistory(DiagramRules.Form form) throws IOException {
    for (String key : List.of(CaseSummary.SUMMARY, CaseSummary.HISTORY)) {
      assertThat(form.keys()).as(form.file() + ": add a read-only textarea with key " + key).containsKey(key);
      assertThat(form.keys().get(key)).as(form.file() + ": " + key + " must be read-only").isTrue();
    }
    assertThat(Files.readString(ModelChecks.TOP.resolve(form.file())))
        .as(form.file() + ": add a text view showing {{" + CaseSummary.DOCUMENTS + "}} (the documents as links)")
        .contains("{{" + CaseSummary.DOCUMENTS + "}}");
  }

  @ParameterizedTest
  @MethodSource("forms")
  void everyFormGuidesThePersonFillingIt(DiagramRules.Form form) throws IOException {
    List<String> problems = DiagramRules.formGuidance(form.file(), JSON.readTree(ModelChecks.TOP.resolve(form.file()).toFile()));
    assertThat(problems).as(DiagramRules.report(problems)).isEmpty();
  }

  @Test
  void anUnguidedFieldFails() throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode form = (com.fasterxml.jackson.databind.node.ObjectNode)
        JSON.readTree(FORMS.resolve("review-request.form").toFile());
    for (JsonNode field : form.get("components")) {
      if (field.path("key").asText().matches("reviewDecision|rejectReason|partialAmount")) {
        com.fasterxml.jackson.databind.node.ObjectNode editable = (com.fasterxml.jackson.databind.node.ObjectNode) field;
        editable.remove(List.of("description", "validate", "conditional"));
      }
    }
    String file = "forms/review-request.form";
    assertThat(DiagramRules.formGuidance(file, form)).containsExactlyInAnyOrder(
        file + ": field reviewDecision has no help text; add a description saying what to enter and what follows from it",
        file + ": field reviewDecision is a choice nobody has to make; mark it required",
        file + ": field rejectReason has no help text; add a description saying what to enter and what follows from it",
        file + ": field rejectReason takes text of any length; set a maximum length",
        file + ": field partialAmount has no help text; add a description saying what to enter and what follows from it",
        file + ": field partialAmount takes any number; set a minimum (amounts are never negative)");
  }

  // --- each rule fails on a model broken on purpose ---

  /** The problems the rules find in the return flow after {@code breakIt} changed a copy of it. */
  private static List<String> broken(Consumer<BpmnModelInstance> breakIt) throws IOException {
    Map<String, BpmnModelInstance> models = all();
    BpmnModelInstance copy = models.get(RETURN).clone();
    breakIt.accept(copy);
    models.put(RETURN, copy);
    return DiagramRules.all(RETURN, copy, models.values(), ALL_FORMS, SOURCES);
  }

  private static UserTask review(BpmnModelInstance bpmn) {
    return bpmn.getModelElementById("Task_ReviewRequest");
  }

  @Test
  void theUntouchedReturnFlowBreaksNoRule() throws IOException {
    assertThat(broken(bpmn -> { })).isEmpty();
  }

  @Test
  void aProcessWithoutHistoryTimeToLiveOrVersionTagFails() throws IOException {
    assertThat(broken(bpmn -> {
      Process process = bpmn.getModelElementById("return-request");
      process.setCamundaHistoryTimeToLiveString(null);
      process.setCamundaVersionTag(null);
    })).containsExactlyInAnyOrder(
        RETURN + ": return-request has no History time to live; set it in the process's properties",
        RETURN + ": return-request has no Version tag; set one (e.g. 1.4) in the process's properties");
  }

  @Test
  void aGeneratedIdFails() throws IOException {
    assertThat(broken(bpmn -> review(bpmn).setId("Activity_0k3x9zq"))).anyMatch(p -> p.equals(RETURN
        + ": Activity_0k3x9zq is a generated id; give the userTask a meaningful one such as Task_ReviewRequest or "
        + "Flow_Approved_BookPickup"));
  }

  @Test
  void aUserTaskWithoutAChineseListNameFails() throws IOException {
    assertThat(broken(bpmn -> review(bpmn).getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
        .getCamundaProperties().stream().filter(p -> "listName".equals(p.getCamundaName())).findFirst().orElseThrow()
        .setCamundaValue("Review return request"))).containsExactly(RETURN + ": user task Task_ReviewRequest needs the "
            + "extension property listName: what the task waits for, in Chinese (such as 审核退货申请), which Tasklist's "
            + "list shows with the case");
  }

  @Test
  void aUserTaskWithoutGroupDatesOrAKnownFormFails() throws IOException {
    assertThat(broken(bpmn -> {
      UserTask task = review(bpmn);
      task.setCamundaCandidateGroups(null);
      task.setCamundaDueDate("2026-12-01");
      task.setCamundaFollowUpDate(null);
      task.setCamundaFormRef("review-requets");
      task.setCamundaFormRefBinding("latest");
    })).containsExactlyInAnyOrder(
        RETURN + ": user task Task_ReviewRequest has no candidate group; set one of agents, inspectors, technicians, "
            + "complaint-handlers, supervisors, finance",
        RETURN + ": user task Task_ReviewRequest needs a due date from the limits, such as ${returnLimits.reviewDue()}",
        RETURN + ": user task Task_ReviewRequest needs a follow-up date from the limits, such as "
            + "${returnLimits.reviewFollowUp()}",
        RETURN + ": user task Task_ReviewRequest names form 'review-requets', which is not in forms/; use one of "
            + new java.util.TreeSet<>(ALL_FORMS.stream().map(DiagramRules.Form::id).toList()),
        RETURN + ": user task Task_ReviewRequest: set the form binding to 'deployment' so the form of the same release "
            + "is used");
  }

  @Test
  void aFormFieldTheFlowDoesNotKnowFails() throws IOException {
    Map<String, Boolean> keys = new java.util.LinkedHashMap<>(ALL_FORMS.stream()
        .filter(f -> f.id().equals("review-request")).findFirst().orElseThrow().keys());
    keys.put("reviewDecison", false);
    List<DiagramRules.Form> forms = new ArrayList<>(ALL_FORMS);
    forms.replaceAll(f -> f.id().equals("review-request") ? new DiagramRules.Form(f.file(), f.id(), keys) : f);
    Map<String, BpmnModelInstance> models = all();
    assertThat(DiagramRules.formFields(RETURN, models.get(RETURN), forms)).containsExactly(RETURN
        + ": user task Task_ReviewRequest shows field 'reviewDecison' of forms/review-request.form, a variable the flow "
        + "return-request does not know; correct the key or declare the variable in "
        + "org.aftersales.returns.ReturnProcess$Var");
  }

  @Test
  void aLiteralTimerFails() throws IOException {
    assertThat(broken(bpmn -> bpmn.getModelElementsByType(TimeDuration.class).iterator().next().setTextContent("PT48H")))
        .anyMatch(p -> p.startsWith(RETURN + ": timer ") && p.endsWith(" has the literal 'PT48H'; take it from the limits, "
            + "such as ${returnLimits.review}"));
  }

  @Test
  void anOutsideCallThatIsNotAsynchronousFails() throws IOException {
    assertThat(broken(bpmn -> ((FlowNode) bpmn.getModelElementById("Task_BookPickup")).setCamundaAsyncBefore(false)))
        .containsExactly(RETURN + ": Task_BookPickup calls outside the engine; tick Asynchronous before");
    // a send task only queues its notice in the outbox (issue 21): it needs no job of its own, with or without async
    assertThat(broken(bpmn -> bpmn.getModelElementsByType(SendTask.class).iterator().next().setCamundaAsyncBefore(false)))
        .isEmpty();
    assertThat(broken(bpmn -> bpmn.getModelElementsByType(SendTask.class).forEach(t -> t.setCamundaAsyncBefore(true))))
        .isEmpty();
  }

  @Test
  void aMessageNobodyCatchesOrSendsFails() throws IOException {
    assertThat(broken(bpmn -> {
      Message orphan = bpmn.newInstance(Message.class);
      orphan.setId("Msg_Orphan");
      orphan.setName("Msg_Orphan");
      bpmn.getDefinitions().addChildElement(orphan);
    })).containsExactlyInAnyOrder(
        RETURN + ": message Msg_Orphan is caught nowhere; add a receive task or catching event for it, or delete it",
        RETURN + ": message Msg_Orphan is sent by nobody: no diagram throws it and the application does not correlate "
            + "it; check its name");
    assertThat(broken(bpmn -> {
      ReceiveTask wait = bpmn.getModelElementsByType(ReceiveTask.class).iterator().next();
      wait.getMessage().setName("Msg_Renamed");
    })).anyMatch(p -> p.endsWith("message Msg_Renamed is sent by nobody: no diagram throws it and the application does "
        + "not correlate it; check its name"));
  }
}
