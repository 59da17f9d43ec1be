package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TaskFormReads;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Response;
import org.aftersales.cases.CaseSummary;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent works a review only through its form: the attack of issue 16 (set {@code withReturn=false} on the
 * review task, then approve, so that the case closes REFUNDED with no pickup and no inspection) is refused at
 * both steps and changes nothing. A form reads the display values of its case with its variables
 * ({@link TaskFormVariables}), and nothing of them is stored: no task-local variable, no copy of the case record as
 * a process variable, nothing written back by a completion.
 */
@AfterSalesIntegrationTest
class TasksThroughFormsTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  ReturnFlowDriver flow;

  @BeforeEach
  void driver() {
    flow = new ReturnFlowDriver(port, engine);
  }

  Task review(String caseId) {
    return flow.awaitTask(caseId, ReturnProcess.Element.REVIEW);
  }

  @Test
  void anAgentCannotWriteATasksVariables() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);
    Object before = flow.variable(caseId, ReturnProcess.Var.WITH_RETURN);

    Response put = flow.http().send("PUT", "/engine-rest/task/" + review.getId() + "/variables/"
        + ReturnProcess.Var.WITH_RETURN, "agent", "application/json", "{\"type\":\"Boolean\",\"value\":false}", Map.of());
    Response modify = flow.http().postJson("/engine-rest/task/" + review.getId() + "/variables", "agent",
        "{\"modifications\":{\"" + ReturnProcess.Var.WITH_RETURN + "\":{\"type\":\"Boolean\",\"value\":false}}}");

    assertThat(put.status()).as(put.body()).isEqualTo(403);
    assertThat(modify.status()).as(modify.body()).isEqualTo(403);
    assertThat(put.contentType()).startsWith("application/problem+json");
    assertThat(flow.variable(caseId, ReturnProcess.Var.WITH_RETURN)).isEqualTo(before);
  }

  @Test
  void aCompletionWithAFieldTheFormDoesNotHaveIsRefusedAndChangesNothing() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);
    Object before = flow.variable(caseId, ReturnProcess.Var.WITH_RETURN);

    for (String action : new String[] {"complete", "submit-form"}) {
      Response done = flow.http().postJson("/engine-rest/task/" + review.getId() + "/" + action, "agent",
          "{\"variables\":{\"" + ReturnProcess.Var.REVIEW_DECISION + "\":{\"value\":\"APPROVE\"},\""
              + ReturnProcess.Var.WITH_RETURN + "\":{\"type\":\"Boolean\",\"value\":false}}}");

      assertThat(done.status()).as(done.body()).isEqualTo(400);
      assertThat(done.contentType()).startsWith("application/problem+json");
      assertThat(done.body()).contains(ReturnProcess.Var.WITH_RETURN);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(flow.variable(caseId, ReturnProcess.Var.WITH_RETURN)).isEqualTo(before);
    assertThat(flow.view(caseId).get("status").asText()).isEqualTo("OPEN");
  }

  /**
   * A rejection completed by the agent runs on to the end of the case in the agent's own request (the mail is queued,
   * not a job): the follow-up visit the closing starts is the system's, started whatever the agent may do.
   */
  @Test
  void aRejectionCompletedByTheAgentClosesTheCaseAndStartsItsFollowUp() {
    String caseId = flow.open(Map.of());

    flow.decide(caseId, "agent", ReturnProcess.Element.REVIEW, "{\"" + ReturnProcess.Var.REVIEW_DECISION
        + "\":{\"value\":\"REJECT\"},\"rejectReason\":{\"value\":\"Opened items cannot be returned\"}}",
        java.time.Duration.ofSeconds(30));

    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey("follow-up-visit").count()).as("the follow-up visit started").isOne();
  }

  @Test
  void theFormsOwnFieldsStillCompleteTheTask() {
    String caseId = flow.open(Map.of());

    flow.decide(caseId, "agent", ReturnProcess.Element.REVIEW,
        "{\"" + ReturnProcess.Var.REVIEW_DECISION + "\":{\"value\":\"APPROVE\"}}", java.time.Duration.ofSeconds(30));

    assertThat(flow.variable(caseId, ReturnProcess.Var.REVIEW_DECISION)).isEqualTo("APPROVE");
  }

  /**
   * Tasklist submits a form's read-only fields with its entries (form-js does): the case summary, the history, the
   * customer's description and evidence come back with every completion. They are dropped before the engine sees
   * them: no completion writes what the form only shows, through Tasklist or the engine REST API.
   */
  @Test
  void aCompletionWritesNoReadOnlyFieldAndNoDisplayValue() {
    String shown = ",\"caseSummary\":{\"value\":\"服务单 …\"},\"caseHistory\":{\"value\":\"…\"},"
        + "\"description\":{\"value\":\"Colour differs from the listing\"},\"evidence\":{\"value\":\"\"}";
    String approve = "{\"variables\":{\"" + ReturnProcess.Var.REVIEW_DECISION + "\":{\"value\":\"APPROVE\"}" + shown + "}}";
    TestHttp tasklist = TestHttp.browser(port);
    tasklist.logIn("agent", "tasklist");
    tasklist.get("/camunda/api/engine/engine/default/task/count", null); // Tasklist fetches its CSRF token first
    for (String through : new String[] {"/engine-rest", "/camunda/api/engine/engine/default"}) {
      String caseId = flow.open(Map.of());
      Task review = review(caseId);

      Response done = through.startsWith("/engine-rest")
          ? flow.http().postJson(through + "/task/" + review.getId() + "/submit-form", "agent", approve)
          : tasklist.send("POST", through + "/task/" + review.getId() + "/submit-form", null, "application/json", approve,
              Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN")));

      assertThat(done.status()).as(through + ": " + done.body()).isEqualTo(204);
      assertThat(flow.variable(caseId, ReturnProcess.Var.REVIEW_DECISION)).as(through).isEqualTo("APPROVE");
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(review.getProcessInstanceId()).list()).extracting(v -> v.getName()).as(through)
          .doesNotContain("caseSummary", "caseHistory", "description", "evidence");
    }
  }

  // what a form reads: the display values of the task's case (TaskFormVariables), nothing of them stored

  @Test
  void aUserTaskGetsNoVariablesFromUsAndItsCaseIsNoLongerCopiedIntoTheFlow() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);

    assertThat(engine.getTaskService().getVariablesLocal(review.getId())).as("task-local variables").isEmpty();
    assertThat(engine.getRuntimeService().getVariables(review.getProcessInstanceId()).keySet())
        .contains(ReturnProcess.Var.CASE_TYPE, ReturnProcess.Var.REASON, ReturnProcess.Var.RETURN_METHOD,
            ReturnProcess.Var.WITH_RETURN, ReturnProcess.Var.REQUESTED_AMOUNT)
        .doesNotContainAnyElementsOf(CaseSummary.VARIABLES);
  }

  @Test
  void theFormReadsTheCaseAsDisplayValuesThroughTheEngineRestApiAndTasklist() {
    String caseId = flow.open(Map.of("requestedAmount", "2500.00"));
    Task review = review(caseId);
    TestHttp tasklist = TestHttp.browser(port);
    tasklist.logIn("agent", "tasklist");

    TestHttp.Response rest = TaskFormReads.formVariables(flow.http(), review.getId(), "agent", null);
    TestHttp.Response webapp = tasklist.get("/camunda/api/engine/engine/default/task/" + review.getId()
        + "/form-variables?deserializeValues=false", null);
    for (TestHttp.Response answer : new TestHttp.Response[] {rest, webapp}) {
      Map<String, Object> shown = TaskFormReads.values(answer);
      assertThat(shown).containsEntry(ReturnProcess.Var.REQUESTED_AMOUNT, "2500.00").containsEntry("currency", "CNY")
          .containsEntry("paidAmount", "2999.00").containsEntry("description", "Colour differs from the listing")
          .containsEntry("evidence", "").containsEntry("reasonText", "与描述不符（Not as described）")
          .containsEntry(CaseSummary.MOST_REFUNDABLE, 2500.0).containsEntry(CaseSummary.DOCUMENTS, "暂无文件 No documents.");
      assertThat((String) shown.get("orderSummary")).startsWith("Order O-20261111-0001, paid 2999.00 CNY\n1 x Phone X");
      assertThat((String) shown.get(CaseSummary.SUMMARY)).contains("服务单 " + caseId, "实付 2999.00 CNY");
      assertThat((String) shown.get(CaseSummary.HISTORY)).contains("（北京时间）");
      assertThat(TaskFormReads.entry(answer, CaseSummary.SUMMARY).toString()).startsWith("{\"type\":\"String\",\"value\":")
          .endsWith(",\"valueInfo\":{}}");
      assertThat(TaskFormReads.entry(answer, CaseSummary.MOST_REFUNDABLE).toString())
          .isEqualTo("{\"type\":\"Double\",\"value\":2500.0,\"valueInfo\":{}}");
    }
  }

  @Test
  void variableNamesLimitTheDisplayValuesToo() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);

    Map<String, Object> shown = TaskFormReads.values(TaskFormReads.formVariables(flow.http(), review.getId(), "agent",
        "reason,caseSummary,currency,nothingOfThatName"));

    assertThat(shown.keySet()).containsExactlyInAnyOrder("reason", "caseSummary", "currency");
  }

  @Test
  void aVariableTheEngineHoldsIsNotReplaced() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);
    // a process started before display values were computed holds copies of its own
    engine.getRuntimeService().setVariable(review.getProcessInstanceId(), "currency", "EUR");

    assertThat(TaskFormReads.shown(flow.http(), review.getId(), "agent")).containsEntry("currency", "EUR")
        .containsKey(CaseSummary.SUMMARY);
  }

  @Test
  void aUserWhoMayNotSeeTheTaskGetsTheEnginesAnswerAndNoDisplayValues() {
    String caseId = flow.open(Map.of());
    Task review = review(caseId);

    TestHttp.Response hidden = TaskFormReads.formVariables(flow.http(), review.getId(), "inspector", null);
    TestHttp.Response unknown = TaskFormReads.formVariables(flow.http(), "no-such-task", "agent", null);

    assertThat(hidden.status()).as(hidden.body()).isEqualTo(403);
    assertThat(unknown.status()).as(unknown.body()).isNotEqualTo(200);
    for (TestHttp.Response answer : new TestHttp.Response[] {hidden, unknown}) {
      assertThat(answer.body()).doesNotContain(CaseSummary.SUMMARY, caseId, "Colour differs");
    }
  }
}
