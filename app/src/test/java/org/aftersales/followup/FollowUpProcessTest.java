package org.aftersales.followup;

import static org.aftersales.followup.FollowUpProcess.Element.*;
import static org.aftersales.followup.FollowUpProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path of {@code follow-up-visit}: a return case is rejected by the agent and closes, the follow-up starts;
 * the job executor is off, so each test fires the timers. Survey answered online, not answered (call task, answers
 * by phone, customer not reachable), low scores (service recovery: compensation through refund-payment, reopening,
 * nothing) and bad input on the survey endpoint.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class FollowUpProcessTest {

  static final String GOOD = "{\"responseSpeed\":90,\"problemSolving\":90,\"attitude\":100,\"communication\":80,"
      + "\"followUp\":90,\"comment\":\"Quick and friendly\"}";
  static final String LOW = "{\"responseSpeed\":70,\"problemSolving\":60,\"attitude\":70,\"communication\":70,"
      + "\"followUp\":70,\"comment\":\"The seller refused, nobody helped\"}";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  ReturnFlowDriver flow;
  TestHttp http;
  String customer;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A return refused by the agent: the case closes as REJECTED and its follow-up waits for the delay. */
  ProcessInstance closedCase() {
    String caseId = flow.open(ReturnFlowDriver.with("customerId", customer, "reason", "QUALITY", "paidAmount", "399.00",
        "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00"))));
    Task review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey(ReturnProcess.Element.REVIEW).singleResult();
    engine.getTaskService().complete(review.getId(), Map.of(ReturnProcess.Var.REVIEW_DECISION, "REJECT",
        ReturnProcess.Var.REJECT_REASON, "Noise is within specification"));
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    ProcessInstance pi = flow.instance(caseId, FollowUpProcess.KEY);
    assertThat(pi).as("follow-up of " + caseId).isNotNull();
    assertThat(pi).isWaitingAt(SURVEY_DELAY);
    return pi;
  }

  /** The delay has passed: the invitation went out and the survey waits. */
  ProcessInstance surveySent() {
    ProcessInstance pi = closedCase();
    flow.fireTimer(pi.getBusinessKey(), SURVEY_DELAY);
    assertThat(pi).hasPassed(SEND_SURVEY).isWaitingAt(AWAIT_SURVEY);
    assertThat(flow.timeline(pi.getBusinessKey())).anyMatch(e -> e.contains("How did we do?"));
    return pi;
  }

  TestHttp.Response survey(String caseId, String body) {
    return survey(caseId, body, customer, UUID.randomUUID().toString());
  }

  TestHttp.Response survey(String caseId, String body, String actingFor, String key) {
    return http.send("POST", "/api/cases/" + caseId + "/survey", "shop", "application/json", body,
        Map.of("X-Customer-Id", actingFor, "Idempotency-Key", key));
  }

  Task task(ProcessInstance pi, String key) {
    return flow.task(pi, key);
  }

  List<String> groups(Task task) {
    return flow.groups(task);
  }

  void complete(ProcessInstance pi, String key, Object... variables) {
    engine.getTaskService().complete(task(pi, key).getId(), ReturnFlowDriver.with(variables));
    flow.runDueJobs();
  }

  Map<String, Object> stored(String caseId) {
    return jdbc.queryForMap("SELECT * FROM as_survey WHERE case_id = ?", caseId);
  }

  int surveys(String caseId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_survey WHERE case_id = ?", Integer.class, caseId);
  }

  /** The call task with the customer's answers on the phone. */
  Object[] phoneAnswers(int speed, int solving, int attitude, int communication, int followUp) {
    return new Object[] {Var.CUSTOMER_REACHED, true, Var.SCORE_RESPONSE_SPEED, String.valueOf(speed),
        Var.SCORE_PROBLEM_SOLVING, String.valueOf(solving), Var.SCORE_ATTITUDE, String.valueOf(attitude),
        Var.SCORE_COMMUNICATION, String.valueOf(communication), Var.SCORE_FOLLOW_UP, String.valueOf(followUp),
        Var.SURVEY_COMMENT, "Said it was fine"};
  }

  @Test
  void answeredOnlineWithGoodScoresEndsTheFollowUp() {
    ProcessInstance pi = surveySent();
    String caseId = pi.getBusinessKey();
    String key = UUID.randomUUID().toString();
    TestHttp.Response answered = survey(caseId, GOOD, customer, key);
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    JsonNode body = ReturnFlowDriver.read(answered);
    assertThat(body.get("overall").asText()).isEqualTo("90.00");
    assertThat(body.get("grade").asText()).isEqualTo("EXCELLENT");
    assertThat(body.get("channel").asText()).isEqualTo("WEB");
    assertThat(body.get("scores").get("problemSolving").asInt()).isEqualTo(90);
    assertThat(pi).isEnded().hasPassed(END_SATISFIED).hasNotPassed(SERVICE_RECOVERY, CALL_CUSTOMER);
    Map<String, Object> row = stored(caseId);
    assertThat(row.get("CHANNEL")).isEqualTo("WEB");
    assertThat(row.get("GRADE")).isEqualTo("EXCELLENT");
    assertThat(row.get("COMMENT_TEXT")).isEqualTo("Quick and friendly");
    assertThat(((Number) row.get("ATTITUDE")).intValue()).isEqualTo(100);
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.contains("Thank you for answering our survey: overall 90.00"));

    // the same request again answers the same; a new one is refused: a survey is answered once
    TestHttp.Response replay = survey(caseId, GOOD, customer, key);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(answered.body());
    TestHttp.Response again = survey(caseId, LOW);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("answered already");
    assertThat(surveys(caseId)).isEqualTo(1);
  }

  @Test
  void notAnsweredInTimeGivesAnAgentACallThatRecordsTheAnswersByPhone() {
    ProcessInstance pi = surveySent();
    String caseId = pi.getBusinessKey();
    flow.fireTimer(caseId, SURVEY_UNANSWERED);
    assertThat(pi).isWaitingAt(CALL_CUSTOMER);
    Task call = task(pi, CALL_CUSTOMER);
    assertThat(groups(call)).containsExactly("agents");
    assertThat(call.getDueDate()).isNotNull();
    assertThat(call.getFollowUpDate()).isNotNull().isBefore(call.getDueDate());
    assertThat(flow.timeline(caseId)).contains("No answer to our survey: an agent will call you");
    assertThat(survey(caseId, GOOD).status()).isEqualTo(409);

    // the form's answers are checked; the task stays open
    assertThatThrownBy(() -> engine.getTaskService().complete(call.getId(), Map.of(Var.SCORE_ATTITUDE, "90")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Customer reached");
    Object[] bad = phoneAnswers(90, 90, 90, 90, 90);
    bad[5] = "75";
    assertThatThrownBy(() -> engine.getTaskService().complete(call.getId(), ReturnFlowDriver.with(bad)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Problem solving: choose one of 100, 90, 80, 70, 60");
    assertThat(pi).isWaitingAt(CALL_CUSTOMER);
    assertThat(surveys(caseId)).isZero();

    complete(pi, CALL_CUSTOMER, phoneAnswers(80, 90, 80, 80, 70));
    assertThat(pi).isEnded().hasPassed(END_SATISFIED).hasNotPassed(SERVICE_RECOVERY);
    Map<String, Object> row = stored(caseId);
    assertThat(row.get("CHANNEL")).isEqualTo("PHONE");
    assertThat(row.get("GRADE")).isEqualTo("GOOD");
    assertThat(row.get("OVERALL").toString()).isEqualTo("80.00");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("Survey answered on the phone: overall 80.00"));
  }

  @Test
  void aCustomerNotReachableEndsTheFollowUpWithoutScores() {
    ProcessInstance pi = surveySent();
    flow.fireTimer(pi.getBusinessKey(), SURVEY_UNANSWERED);
    complete(pi, CALL_CUSTOMER, Var.CUSTOMER_REACHED, false, Var.CALL_NOTES, "Three calls, no answer");
    assertThat(pi).isEnded().hasPassed(END_NOT_REACHED);
    assertThat(surveys(pi.getBusinessKey())).isZero();
    assertThat(flow.timeline(pi.getBusinessKey())).contains("Follow-up call: we could not reach you (Three calls, no answer)");
  }

  @Test
  void aLowScoreGivesASupervisorRecoveryAndCompensationIsPaidThroughRefundPayment() {
    ProcessInstance pi = surveySent();
    String caseId = pi.getBusinessKey();
    TestHttp.Response answered = survey(caseId, LOW);
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    assertThat(ReturnFlowDriver.read(answered).get("grade").asText()).isEqualTo("POOR");
    assertThat(pi).isWaitingAt(SERVICE_RECOVERY);
    Task recovery = task(pi, SERVICE_RECOVERY);
    assertThat(groups(recovery)).containsExactly("supervisors");
    assertThat(recovery.getDueDate()).isNotNull();
    assertThat(recovery.getFollowUpDate()).isNotNull();
    Map<String, Object> shown = engine.getTaskService().getVariables(recovery.getId());
    assertThat((String) shown.get(Var.SURVEY_SUMMARY)).contains("Problem solving 60", "Overall 68.00 (POOR)",
        "nobody helped");
    // the case's display values, read as Tasklist reads them (form-variables, as a supervisor)
    Map<String, Object> form = org.aftersales.TaskFormReads.shown(http, recovery.getId(), "supervisor");
    assertThat((String) form.get(Var.CASE_SUMMARY)).contains("服务单 " + caseId + "：退货退款（Return and refund）",
        "已拒绝", "实付 399.00 CNY");
    // written for staff, in Chinese: not the customer's "We e-mailed you"
    assertThat((String) form.get(org.aftersales.cases.CaseSummary.HISTORY)).contains("申请已关闭")
        .doesNotContain("We e-mailed you", "我们已给您发送邮件");
    assertThat(shown.get(Var.RECOVERY_REASON)).isEqualTo("Overall score below 70");
    assertThat(shown.get(Var.MAX_COMPENSATION)).isEqualTo("399.00");

    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(),
        Map.of(Var.RECOVERY_DECISION, "COMPENSATE", Var.COMPENSATION_AMOUNT, 400)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("at most 399.00 CNY");
    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(),
        Map.of(Var.RECOVERY_DECISION, "COMPENSATE", Var.COMPENSATION_AMOUNT, 0)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("above 0");
    assertThat(pi).isWaitingAt(SERVICE_RECOVERY);

    complete(pi, SERVICE_RECOVERY, Var.RECOVERY_DECISION, "COMPENSATE", Var.COMPENSATION_AMOUNT, 50.5,
        Var.RECOVERY_NOTES, "Goodwill for the slow answers");
    ProcessInstance refund = flow.refundInstance(caseId);
    assertThat(refund).isNotNull();
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), caseId + "-R1", "SUCCEEDED", "50.50").status())
        .isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(PAY_COMPENSATION, NOTIFY_COMPENSATION_PAID, END_RECOVERED);
    JsonNode view = flow.view(caseId);
    assertThat(view.get("refundedAmount").asText()).isEqualTo("50.50");
    assertThat(view.get("status").asText()).isEqualTo("CLOSED");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("Service recovery after the follow-up visit: "
        + "compensation of 50.50 CNY"));
  }

  @Test
  void compensationAfterAFollowUpCountsAgainstTheWholeOrder() {
    // issue 17, item 8: two refused cases about one 399.00 fan, each scored low, may not pay 399.00 each
    ProcessInstance first = surveySent();
    ProcessInstance second = surveySent();
    assertThat(survey(first.getBusinessKey(), LOW).status()).isEqualTo(200);
    complete(first, SERVICE_RECOVERY, Var.RECOVERY_DECISION, "COMPENSATE", Var.COMPENSATION_AMOUNT, 399,
        Var.RECOVERY_NOTES, "Goodwill");
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), first.getBusinessKey() + "-R1", "SUCCEEDED", "399.00")
        .status()).isEqualTo(200);
    flow.runDueJobs();

    assertThat(survey(second.getBusinessKey(), LOW).status()).isEqualTo(200);
    Task recovery = task(second, SERVICE_RECOVERY);
    assertThat(engine.getTaskService().getVariable(recovery.getId(), Var.MAX_COMPENSATION)).isEqualTo("0.00");
    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(),
        Map.of(Var.RECOVERY_DECISION, "COMPENSATE", Var.COMPENSATION_AMOUNT, 399)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("nothing more can be paid on case")
        .hasMessageContaining("already paid back");
    // issue 18: in Tasklist, one sentence (Chinese by default) instead of a 500 with the engine's text
    TestHttp tasklist = TestHttp.browser(port);
    assertThat(tasklist.logIn("supervisor", "tasklist").status()).isEqualTo(200);
    tasklist.get("/camunda/api/engine/engine/default/task/count", null);
    TestHttp.Response refused = tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + recovery.getId()
        + "/submit-form", null, "application/json", "{\"variables\":{\"" + Var.RECOVERY_DECISION
        + "\":{\"value\":\"COMPENSATE\"},\"" + Var.COMPENSATION_AMOUNT + "\":{\"value\":399}}}",
        Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"), "Accept-Language", "zh-CN"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(ReturnFlowDriver.read(refused).get("message").asText())
        .startsWith("赔偿：服务单 " + second.getBusinessKey() + " 已无可付金额（").contains("已退回或正在退回")
        .endsWith("；请选择“不再处理”并在备注中说明原因。").doesNotContain("ENGINE-");
    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(),
        Map.of(Var.RECOVERY_DECISION, "REOPEN", Var.REOPEN_GOODS_BACK, false)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("nothing more can be refunded");
    assertThat(second).isWaitingAt(SERVICE_RECOVERY);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_refund WHERE case_id = ?", Integer.class,
        second.getBusinessKey())).isZero();
  }

  @Test
  void aSupervisorMayReopenAReturnCaseAfterALowScoreByPhone() {
    ProcessInstance pi = surveySent();
    String caseId = pi.getBusinessKey();
    flow.fireTimer(caseId, SURVEY_UNANSWERED);
    complete(pi, CALL_CUSTOMER, phoneAnswers(100, 100, 100, 60, 100));
    assertThat(pi).isWaitingAt(SERVICE_RECOVERY);
    assertThat(engine.getTaskService().getVariable(task(pi, SERVICE_RECOVERY).getId(), Var.RECOVERY_REASON))
        .isEqualTo("A dimension scored 60");

    complete(pi, SERVICE_RECOVERY, Var.RECOVERY_DECISION, "REOPEN", Var.REOPEN_GOODS_BACK, false);
    assertThat(pi).isEnded().hasPassed(REOPEN_CASE, END_RECOVERED);
    JsonNode view = flow.view(caseId);
    assertThat(view.get("status").asText()).isEqualTo("OPEN");
    ProcessInstance reopened = flow.instance(caseId);
    assertThat(reopened).isNotNull();
    assertThat(flow.timeline(caseId)).contains("Reopened after the follow-up visit: a supervisor arranged a refund");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(reopened.getId())
        .variableName(ReturnProcess.Var.ELIGIBILITY_NOTE).singleResult().getValue().toString())
        .contains("as service recovery after the follow-up visit");
  }

  @Test
  void doingNothingNeedsNotes() {
    ProcessInstance pi = surveySent();
    assertThat(survey(pi.getBusinessKey(), LOW).status()).isEqualTo(200);
    Task recovery = task(pi, SERVICE_RECOVERY);
    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(), Map.of(Var.RECOVERY_DECISION, "NOTHING")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Notes");
    assertThatThrownBy(() -> engine.getTaskService().complete(recovery.getId(), Map.of(Var.RECOVERY_DECISION, "MAYBE")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Decision");
    complete(pi, SERVICE_RECOVERY, Var.RECOVERY_DECISION, "NOTHING", Var.RECOVERY_NOTES, "Called back, all settled");
    assertThat(pi).isEnded().hasPassed(END_RECOVERED).hasNotPassed(PAY_COMPENSATION, REOPEN_CASE);
  }

  @Test
  void aWithdrawnCaseGetsNoFollowUp() {
    String caseId = flow.open(ReturnFlowDriver.with("customerId", customer));
    TestHttp.Response cancelled = http.send("POST", "/api/cases/" + caseId + "/cancel", "shop", "application/json", "{}",
        Map.of("X-Customer-Id", customer));
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(flow.instance(caseId, FollowUpProcess.KEY)).isNull();
    TestHttp.Response answer = survey(caseId, GOOD);
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body()).contains("no survey waiting");
  }

  @Test
  void beforeTheInvitationTheSurveyCannotBeAnswered() {
    ProcessInstance pi = closedCase();
    TestHttp.Response early = survey(pi.getBusinessKey(), GOOD);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body()).contains("no survey yet");
    assertThat(pi).isWaitingAt(SURVEY_DELAY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a score off the ladder | {\"responseSpeed\":75,\"problemSolving\":90,\"attitude\":90,\"communication\":90,\"followUp\":90} | 400 | responseSpeed",
      "a fraction | {\"responseSpeed\":90,\"problemSolving\":90.5,\"attitude\":90,\"communication\":90,\"followUp\":90} | 400 | problemSolving",
      "a missing score | {\"responseSpeed\":90,\"problemSolving\":90,\"attitude\":90,\"communication\":90} | 400 | followUp",
      "text for a score | {\"responseSpeed\":\"good\",\"problemSolving\":90,\"attitude\":90,\"communication\":90,\"followUp\":90} | 400 | responseSpeed",
      "markup in the comment | {\"responseSpeed\":90,\"problemSolving\":90,\"attitude\":90,\"communication\":90,\"followUp\":90,\"comment\":\"<script>x</script>\"} | 400 | comment",
      "not JSON | scores=90 | 400 | JSON",
      "another customer's case | FOREIGN | 404 | No case",
      "an unknown case | UNKNOWN | 404 | No case"})
  void badInputIsRefusedAndChangesNothing(String what, String body, int status, String mentions) {
    ProcessInstance pi = surveySent();
    String caseId = pi.getBusinessKey();
    TestHttp.Response response = switch (body) {
      case "FOREIGN" -> survey(caseId, GOOD, "C-SOMEONE-ELSE", UUID.randomUUID().toString());
      case "UNKNOWN" -> survey("AS-20260101-NOSUCH", GOOD);
      default -> survey(caseId, body);
    };
    assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(mentions);
    assertThat(surveys(caseId)).isZero();
    assertThat(pi).isWaitingAt(AWAIT_SURVEY);
  }
}
