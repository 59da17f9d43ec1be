package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Element.*;
import static org.aftersales.complaint.ComplaintProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path of {@code complaint}, through the case API and the complaint endpoints, with the job executor off
 * so that each test decides when jobs and timers run; compensation through the real payment client and the
 * simulator, settled by the provider's callback.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class ComplaintProcessTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  ReturnFlowDriver flow;
  TestHttp http;
  String customer;
  String seller;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    seller = "S-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Map<String, Object> complaint(String category, String linkedCaseId, Object... overrides) {
    Map<String, Object> details = new HashMap<>();
    details.put("category", category);
    details.put("chatRecord", List.of("https://chat.example.com/O-1/log"));
    if (linkedCaseId != null) {
      details.put("linkedCaseId", linkedCaseId);
    }
    Map<String, Object> body = ReturnFlowDriver.with("type", "COMPLAINT", "reason", "SERVICE", "customerId", customer,
        "sellerId", seller, "description", "The seller refused my return and stopped answering",
        "paidAmount", "399.00", "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00")),
        "complaint", details);
    body.putAll(ReturnFlowDriver.with(overrides));
    return body;
  }

  /** Opens a complaint and runs the jobs: the seller was asked, the handler's task waits. */
  ProcessInstance opened(String category, String linkedCaseId, Object... overrides) {
    String caseId = flow.open(complaint(category, linkedCaseId, overrides));
    flow.runDueJobs();
    ProcessInstance pi = flow.instance(caseId, ComplaintProcess.KEY);
    assertThat(pi).hasPassed(ASSESS, REQUEST_STATEMENT, NOTIFY_RECEIVED).isWaitingAt(AWAIT_STATEMENT, INVESTIGATE);
    return pi;
  }

  @Test
  void aStatementRightAfterTheComplaintOpensIsTakenAtOnce() {
    String caseId = flow.open(complaint("SERVICE_ATTITUDE", null));

    // the request to the seller is queued with the opening step (issue 21: no job of its own, which used to make an
    // early statement wait with 503 and Retry-After until it had run): the flow waits for the statement already
    TestHttp.Response early = statement(caseId, seller, "We answered within the hour");
    assertThat(early.status()).as(early.body()).isEqualTo(200);
    assertThat(record(caseId).get("sellerStatement").asText()).isEqualTo("We answered within the hour");
  }

  /** A return of the same fan, refused by the seller's agent: closed as rejected. */
  String refusedReturn() {
    String caseId = flow.open(ReturnFlowDriver.with("customerId", customer, "sellerId", seller, "reason", "QUALITY",
        "description", "Very noisy", "paidAmount", "399.00",
        "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00"))));
    Task review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    engine.getTaskService().complete(review.getId(), Map.of(ReturnProcess.Var.REVIEW_DECISION, "REJECT",
        ReturnProcess.Var.REJECT_REASON, "Noise is within specification"));
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    return caseId;
  }

  TestHttp.Response statement(String caseId, String sellerId, String text) {
    return http.postJson("/api/cases/" + caseId + "/seller-statement", "agent", "{\"sellerId\":\"" + sellerId
        + "\",\"statement\":\"" + text + "\",\"evidence\":[\"https://chat.example.com/seller-log\"]}");
  }

  TestHttp.Response appeal(String caseId, String reason) {
    return http.send("POST", "/api/cases/" + caseId + "/appeal", "shop", "application/json",
        "{\"reason\":\"" + reason + "\"}", Map.of("X-Customer-Id", customer));
  }

  Task task(ProcessInstance pi, String key) {
    return flow.task(pi, key);
  }

  List<String> groups(Task task) {
    return flow.groups(task);
  }

  void decide(ProcessInstance pi, String key, Object... variables) {
    engine.getTaskService().complete(task(pi, key).getId(), ReturnFlowDriver.with(variables));
    flow.runDueJobs();
  }

  /** The seller answers, then the handler decides on the investigation task. */
  void heardAndDecided(ProcessInstance pi, Object... decision) {
    assertThat(statement(pi.getBusinessKey(), seller, "The customer used the fan outdoors").status()).isEqualTo(200);
    decide(pi, INVESTIGATE, decision);
  }

  JsonNode record(String caseId) {
    TestHttp.Response response = http.get("/api/cases/" + caseId + "/complaint", "shop");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return ReturnFlowDriver.read(response);
  }

  JsonNode penalties(String sellerId) {
    TestHttp.Response response = http.get("/api/sellers/" + sellerId + "/penalties", "supervisor");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return ReturnFlowDriver.read(response);
  }

  void closeAppealWindow(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(AWAIT_APPEAL);
    flow.fireTimer(pi.getBusinessKey(), APPEAL_WINDOW_CLOSED);
    assertThat(pi).isEnded();
  }

  @Test
  void counterfeitGoodsAreCompensatedTenTimesThePriceThroughTheRefundSteps() {
    ProcessInstance pi = opened("COUNTERFEIT", null);
    String caseId = pi.getBusinessKey();
    // 假一赔十: the rule table allows ten times the price and suggests it in the form
    assertThat(flow.variable(caseId, Var.MAX_COMPENSATION)).isEqualTo("3990.00");
    assertThat(flow.variable(caseId, Var.COMPENSATION_AMOUNT)).isEqualTo("3990.00");
    assertThat(record(caseId).get("priority").asText()).isEqualTo("HIGH");
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "The brand owner confirmed the fan is fake",
        Var.COMPENSATION_AMOUNT, 3990.0, Var.FORCED_REMEDY, "NONE", Var.PENALTY, "NONE");
    assertThat(pi).hasPassed(NOTIFY_CUSTOMER_DECISION, NOTIFY_SELLER_DECISION).isWaitingAt(PAY_COMPENSATION);
    // the provider settles the compensation: more than was paid for the fan, as the complaint's cap allows
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), caseId + "-R1", "SUCCEEDED", "3990.00").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(AWAIT_APPEAL);
    closeAppealWindow(pi);
    JsonNode view = flow.view(caseId);
    assertThat(view.get("outcome").asText()).isEqualTo("UPHELD");
    assertThat(view.get("refundedAmount").asText()).isEqualTo("3990.00");
    assertThat(flow.timeline(caseId)).contains("Complaint upheld, compensation 3990.00", "Refund of 3990.00 CNY paid")
        .anyMatch(e -> e.startsWith("We told seller " + seller));
  }

  @Test
  void compensationBeyondTheRuleTablesCapIsRefused() {
    ProcessInstance pi = opened("SERVICE_ATTITUDE", null);
    assertThat(flow.variable(pi.getBusinessKey(), Var.MAX_COMPENSATION)).isEqualTo("79.80");
    assertThat(statement(pi.getBusinessKey(), seller, "We answered within a day").status()).isEqualTo(200);
    assertThatThrownBy(() -> decide(pi, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Rude answers",
        Var.COMPENSATION_AMOUNT, 400.0, Var.FORCED_REMEDY, "NONE", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("from 0 to 79.80");
    assertThat(pi).isWaitingAt(INVESTIGATE);
  }

  @Test
  void anUpheldComplaintForcesARefundOnTheRefusedReturn() {
    String refused = refusedReturn();
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", refused);
    assertThat((String) flow.variable(pi.getBusinessKey(), Var.LINKED_CASES)).contains(refused, "REJECTED",
        "Your request was declined");
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "A noisy fan is a quality defect",
        Var.COMPENSATION_AMOUNT, 0, Var.FORCED_REMEDY, "FORCED_REFUND", Var.PENALTY, "NONE");
    assertThat(pi).hasPassed(FORCE_LINKED_CASE).hasNotPassed(PAY_COMPENSATION).isWaitingAt(AWAIT_APPEAL);
    // the refused case is open again and goes straight to the refund, no review, no goods back
    ProcessInstance reopened = flow.instance(refused);
    assertThat(reopened).isNotNull();
    flow.runDueJobs();
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), refused + "-R1", "SUCCEEDED", "399.00").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(reopened).isEnded();
    JsonNode linked = flow.view(refused);
    assertThat(linked.get("outcome").asText()).isEqualTo("REFUNDED");
    assertThat(linked.get("refundedAmount").asText()).isEqualTo("399.00");
    assertThat(flow.timeline(refused)).anyMatch(e -> e.startsWith("Reopened: complaint " + pi.getBusinessKey()));
    // the follow-up visit started when the return was refused still waits for its day: closing again starts none
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("follow-up-visit")
        .processInstanceBusinessKey(refused).count()).isOne();
  }

  @Test
  void anUpheldComplaintCanForceTheReturnOfTheGoodsFirst() {
    String refused = refusedReturn();
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", refused);
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Return refused without reason",
        Var.FORCED_REMEDY, "FORCED_RETURN", Var.PENALTY, "NONE");
    ProcessInstance reopened = flow.instance(refused);
    flow.runDueJobs();
    assertThat(reopened).hasNotPassed("Task_ReviewRequest").isWaitingAt("Task_AwaitGoodsDelivered");
    assertThat(flow.view(refused).get("status").asText()).isEqualTo("OPEN");
  }

  @Test
  void aForcedRemedyNeedsAClosedLinkedCase() {
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", null);
    assertThat(statement(pi.getBusinessKey(), seller, "We never refused").status()).isEqualTo(200);
    assertThatThrownBy(() -> decide(pi, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Refused",
        Var.FORCED_REMEDY, "FORCED_REFUND", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("names no after-sales case");
  }

  @Test
  void anUpheldComplaintPenalisesTheSellerOnItsRecord() {
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", null);
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Refused a lawful return",
        Var.FORCED_REMEDY, "NONE", Var.PENALTY, "POINTS", Var.PENALTY_POINTS, 6);
    assertThat(pi).hasPassed(PENALISE_SELLER).isWaitingAt(AWAIT_APPEAL);
    JsonNode record = penalties(seller);
    assertThat(record.get("points").asInt()).isEqualTo(6);
    assertThat(record.get("penalties")).hasSize(1);
    assertThat(record.get("penalties").get(0).get("caseId").asText()).isEqualTo(pi.getBusinessKey());
    assertThat(record(pi.getBusinessKey()).get("penalties")).hasSize(1);
    assertThat(flow.timeline(pi.getBusinessKey())).contains("Seller " + seller + " penalised: 6 points");
  }

  @Test
  void aDismissedComplaintPaysAndPenalisesNothing() {
    ProcessInstance pi = opened("SERVICE_ATTITUDE", null);
    heardAndDecided(pi, Var.DECISION, "DISMISSED", Var.DECISION_REASONS, "The chat shows polite, timely answers",
        Var.COMPENSATION_AMOUNT, 50.0, Var.PENALTY, "WARNING");
    assertThat(pi).hasNotPassed(PAY_COMPENSATION, PENALISE_SELLER, FORCE_LINKED_CASE).isWaitingAt(AWAIT_APPEAL);
    closeAppealWindow(pi);
    assertThat(flow.view(pi.getBusinessKey()).get("outcome").asText()).isEqualTo("DISMISSED");
    assertThat(penalties(seller).get("penalties")).isEmpty();
    assertThat(record(pi.getBusinessKey()).get("decision").asText()).isEqualTo("DISMISSED");
  }

  @Test
  void theSellerAnswersOnceAndTheHandlerReadsIt() {
    ProcessInstance pi = opened("LOGISTICS", null);
    String caseId = pi.getBusinessKey();
    assertThat(statement(caseId, seller, "Shipped on time, see the courier record").status()).isEqualTo(200);
    assertThat(pi).hasPassed(AWAIT_STATEMENT);
    assertThat(flow.variable(caseId, Var.SELLER_HEARD)).isEqualTo(true);
    assertThat(flow.variable(caseId, Var.SELLER_STATEMENT)).isEqualTo("Shipped on time, see the courier record");
    TestHttp.Response again = statement(caseId, seller, "Another one");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already answered");
    JsonNode record = record(caseId);
    assertThat(record.get("sellerStatement").asText()).isEqualTo("Shipped on time, see the courier record");
    assertThat(record.get("sellerEvidence").get(0).asText()).isEqualTo("https://chat.example.com/seller-log");
  }

  @Test
  void aSilentSellerLosesTheRightToBeHeard() {
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", null);
    String caseId = pi.getBusinessKey();
    // the handler cannot decide while the seller may still answer
    assertThatThrownBy(() -> decide(pi, INVESTIGATE, Var.DECISION, "DISMISSED", Var.DECISION_REASONS, "Too early"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("The seller may still answer");
    flow.fireTimer(caseId, STATEMENT_OVERDUE);
    assertThat(pi).hasPassed(STATEMENT_OVERDUE).isWaitingAt(INVESTIGATE);
    TestHttp.Response late = statement(caseId, seller, "Sorry, we were on holiday");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body()).contains("deadline passed");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("The seller did not answer by"));
    decide(pi, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "No answer from the seller", Var.PENALTY, "WARNING");
    assertThat(pi).hasPassed(PENALISE_SELLER);
    assertThat(flow.variable(caseId, Var.SELLER_HEARD)).isEqualTo(false);
  }

  @Test
  void supervisorsAreWarnedBeforeTheLimitRunsOut() {
    ProcessInstance pi = opened("SAFETY", null);
    flow.fireTimer(pi.getBusinessKey(), RESOLUTION_WARNING);
    assertThat(pi).hasPassed(WARN_SUPERVISORS).isWaitingAt(INVESTIGATE);
    assertThat(task(pi, INVESTIGATE).getPriority()).isEqualTo(100);
    assertThat(flow.timeline(pi.getBusinessKey())).anyMatch(e -> e.contains("supervisor(s) warned"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_notification WHERE case_id = ? AND type = 'SUPERVISOR_WARNING'",
        Integer.class, pi.getBusinessKey())).isPositive();
    assertThat(record(pi.getBusinessKey()).get("supervisorsWarnedAt").isNull()).isFalse();
  }

  @Test
  void anOverdueComplaintMovesToTheSupervisorsQueue() {
    ProcessInstance pi = opened("SERVICE_ATTITUDE", null);
    assertThat(groups(task(pi, INVESTIGATE))).containsExactly("complaint-handlers");
    flow.fireTimer(pi.getBusinessKey(), STATEMENT_OVERDUE);
    flow.fireTimer(pi.getBusinessKey(), RESOLUTION_BREACHED);
    assertThat(pi).hasPassed(RESOLUTION_BREACHED).isWaitingAt(DECIDE_ESCALATED);
    assertThat(groups(task(pi, DECIDE_ESCALATED))).containsExactly("supervisors");
    assertThat(record(pi.getBusinessKey()).get("escalatedAt").isNull()).isFalse();
    decide(pi, DECIDE_ESCALATED, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Late and rude", Var.PENALTY, "NONE");
    assertThat(pi).isWaitingAt(AWAIT_APPEAL);
  }

  @Test
  void anUpheldAppealAddsItsOwnRemedies() {
    ProcessInstance pi = opened("REFUSED_AFTER_SALES", null);
    String caseId = pi.getBusinessKey();
    heardAndDecided(pi, Var.DECISION, "DISMISSED", Var.DECISION_REASONS, "No proof of refusal");
    TestHttp.Response appealed = appeal(caseId, "Here is the chat where the seller refuses");
    assertThat(appealed.status()).as(appealed.body()).isEqualTo(200);
    assertThat(appeal(caseId, "Again").status()).isEqualTo(409);
    assertThat(pi).isWaitingAt(DECIDE_APPEAL);
    assertThat(groups(task(pi, DECIDE_APPEAL))).containsExactly("supervisors");
    decide(pi, DECIDE_APPEAL, Var.APPEAL_DECISION, "UPHELD", Var.APPEAL_REASONS, "The chat proves the refusal",
        Var.PENALTY, "FINE", Var.FINE_AMOUNT, 500.0, Var.COMPENSATION_AMOUNT, 0);
    assertThat(pi).hasPassed(NOTIFY_CUSTOMER_APPEAL, NOTIFY_SELLER_APPEAL, PENALISE_SELLER).isEnded();
    JsonNode view = flow.view(caseId);
    assertThat(view.get("outcome").asText()).isEqualTo("UPHELD");
    JsonNode record = penalties(seller);
    assertThat(record.get("fines").get("CNY").asText()).isEqualTo("500.00");
    assertThat(record(caseId).get("appealDecision").asText()).isEqualTo("UPHELD");
  }

  @Test
  void aDismissedAppealLeavesTheDecision() {
    ProcessInstance pi = opened("LOGISTICS", null);
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Shipped late", Var.PENALTY, "WARNING");
    assertThat(appeal(pi.getBusinessKey(), "A warning is not enough").status()).isEqualTo(200);
    decide(pi, DECIDE_APPEAL, Var.APPEAL_DECISION, "DISMISSED", Var.APPEAL_REASONS, "The warning fits a first delay");
    assertThat(pi).isEnded();
    assertThat(flow.view(pi.getBusinessKey()).get("outcome").asText()).isEqualTo("UPHELD");
    assertThat(penalties(seller).get("warnings").asInt()).isEqualTo(1);
  }

  @Test
  void anAppealAfterTheWindowIsRefused() {
    ProcessInstance pi = opened("SERVICE_ATTITUDE", null);
    heardAndDecided(pi, Var.DECISION, "DISMISSED", Var.DECISION_REASONS, "Polite answers");
    closeAppealWindow(pi);
    TestHttp.Response late = appeal(pi.getBusinessKey(), "I was away");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body()).contains("time to appeal ended");
  }

  @Test
  void aSecondComplaintAboutTheSameOrderGoesStraightToASupervisor() {
    ProcessInstance first = opened("SERVICE_ATTITUDE", null);
    ProcessInstance second = opened("SERVICE_ATTITUDE", null);
    assertThat(groups(task(first, INVESTIGATE))).containsExactly("complaint-handlers");
    assertThat(groups(task(second, INVESTIGATE))).containsExactly("supervisors");
    JsonNode record = record(second.getBusinessKey());
    assertThat(record.get("secondComplaint").asBoolean()).isTrue();
    assertThat(record.get("earlierCaseId").asText()).isEqualTo(first.getBusinessKey());
    assertThat(record(first.getBusinessKey()).get("secondComplaint").asBoolean()).isFalse();
    // a complaint about another order of the same customer is not a second complaint
    ProcessInstance other = opened("SERVICE_ATTITUDE", null, "orderId", "O-20261111-0999");
    assertThat(record(other.getBusinessKey()).get("secondComplaint").asBoolean()).isFalse();
  }

  BigDecimal paidOutToCustomer() {
    return jdbc.queryForObject("SELECT COALESCE(SUM(r.amount), 0) FROM as_refund r JOIN as_case c ON c.case_id = r.case_id "
        + "WHERE c.customer_id = ? AND r.status IN ('PENDING', 'SUCCEEDED')", BigDecimal.class, customer);
  }

  @Test
  void noComplaintPaysBeyondWhatTheOrderCost() {
    // issue 17, item 8: a refunded 399.00 fan, then two complaints paying 399.00 each: 1197.00 for a 399.00 order
    String refused = refusedReturn();
    ProcessInstance first = opened("REFUSED_AFTER_SALES", refused);
    assertThat(statement(first.getBusinessKey(), seller, "We stand by it").status()).isEqualTo(200);
    // a forced refund and a full compensation together would pay the order twice
    assertThatThrownBy(() -> decide(first, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Noise is a defect",
        Var.COMPENSATION_AMOUNT, 399.0, Var.FORCED_REMEDY, "FORCED_REFUND", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Compensation: from 0 to 0.00 CNY")
        .hasMessageContaining("the forced refund on case " + refused + " takes up to 399.00");
    decide(first, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Noise is a defect",
        Var.COMPENSATION_AMOUNT, 0, Var.FORCED_REMEDY, "FORCED_REFUND", Var.PENALTY, "NONE");
    flow.runDueJobs();
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), refused + "-R1", "SUCCEEDED", "399.00").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(flow.view(refused).get("refundedAmount").asText()).isEqualTo("399.00");

    // the second complaint: the form offers nothing, and compensation is refused with the reason
    ProcessInstance second = opened("REFUSED_AFTER_SALES", refused);
    String caseId = second.getBusinessKey();
    assertThat(flow.variable(caseId, Var.MAX_COMPENSATION)).isEqualTo("0.00");
    assertThat(flow.variable(caseId, Var.COMPENSATION_AMOUNT)).isEqualTo("0.00");
    assertThat(statement(caseId, seller, "Refunded already").status()).isEqualTo(200);
    assertThatThrownBy(() -> decide(second, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Still angry",
        Var.COMPENSATION_AMOUNT, 399.0, Var.FORCED_REMEDY, "NONE", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Compensation: from 0 to 0.00 CNY")
        .hasMessageContaining("was paid 399.00 CNY and 399.00 CNY of it is already paid back");
    // nor may the refunded case be forced again
    assertThatThrownBy(() -> decide(second, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Still angry",
        Var.COMPENSATION_AMOUNT, 0, Var.FORCED_REMEDY, "FORCED_REFUND", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("nothing more can be refunded on case " + refused);
    assertThat(second).isWaitingAt(INVESTIGATE);
    // a new refund request on the same goods is refused through the API, and creates nothing
    long before = casesOfCustomer();
    TestHttp.Response again = http.postJson("/api/cases", "shop", ReturnFlowDriver.request(ReturnFlowDriver.with(
        "type", "REFUND_ONLY", "customerId", customer, "sellerId", seller, "reason", "QUALITY", "paidAmount", "399.00",
        "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00")))));
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.body()).contains("Nothing more can be refunded for order");
    assertThat(casesOfCustomer()).isEqualTo(before);
    assertThat(paidOutToCustomer()).isEqualByComparingTo("399.00");
  }

  /** Upheld with compensation only, and the provider pays it. */
  void compensatedAndPaid(ProcessInstance pi, String reasons, String amount) {
    heardAndDecided(pi, Var.DECISION, "UPHELD", Var.DECISION_REASONS, reasons,
        Var.COMPENSATION_AMOUNT, Double.parseDouble(amount), Var.FORCED_REMEDY, "NONE", Var.PENALTY, "NONE");
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), pi.getBusinessKey() + "-R1", "SUCCEEDED", amount)
        .status()).isEqualTo(200);
    flow.runDueJobs();
  }

  @Test
  void counterfeitCompensationHasItsOwnCapOncePerOrderLine() {
    // an ordinary compensation first takes the whole price of the order
    compensatedAndPaid(opened("REFUSED_AFTER_SALES", null), "Refused without reason", "399.00");
    // 假一赔十 is the exception: ten times the price on top, for the same fan
    ProcessInstance fake = opened("COUNTERFEIT", null);
    assertThat(flow.variable(fake.getBusinessKey(), Var.MAX_COMPENSATION)).isEqualTo("3990.00");
    compensatedAndPaid(fake, "The brand owner confirmed the fan is fake", "3990.00");
    // but only once per order line: another counterfeit complaint about the same fan gets nothing more
    ProcessInstance again = opened("COUNTERFEIT", null);
    assertThat(flow.variable(again.getBusinessKey(), Var.MAX_COMPENSATION)).isEqualTo("0.00");
    assertThat(statement(again.getBusinessKey(), seller, "Same fan").status()).isEqualTo(200);
    assertThatThrownBy(() -> decide(again, INVESTIGATE, Var.DECISION, "UPHELD", Var.DECISION_REASONS, "Fake",
        Var.COMPENSATION_AMOUNT, 100.0, Var.FORCED_REMEDY, "NONE", Var.PENALTY, "NONE"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Compensation: from 0 to 0.00 CNY")
        .hasMessageContaining("capped at 3990.00 CNY (ten times the price, once per order line), of which 3990.00 CNY");
    assertThat(paidOutToCustomer()).isEqualByComparingTo("4389.00");
  }

  // bad input: a clear 4xx as problem+json, and nothing changed

  long casesOfCustomer() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case WHERE customer_id = ?", Long.class, customer);
  }

  @Test
  void badComplaintsAreRefusedAndCreateNothing() {
    String refused = refusedReturn();
    long before = casesOfCustomer();
    Map<String, Object> noDetails = complaint("SAFETY", null);
    noDetails.put("complaint", null);
    Map<String, Object> noSeller = complaint("SAFETY", null);
    noSeller.put("sellerId", null);
    Map<String, Object> onAReturn = ReturnFlowDriver.with("customerId", customer, "complaint", Map.of("category", "SAFETY"));
    for (Map<String, Object> body : List.of(noDetails, noSeller, onAReturn, complaint("ANGRY", null),
        complaint("SAFETY", "not a case id"), complaint("SAFETY", null, "complaint", Map.of("category", "SAFETY",
            "chatRecord", List.of("javascript:alert(1)"))))) {
      TestHttp.Response r = http.postJson("/api/cases", "shop", ReturnFlowDriver.request(body));
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    // the linked case must be this customer's, of the same order, and not a complaint itself
    for (Map<String, Object> body : List.of(complaint("SAFETY", "AS-20260101-NOSUCH"),
        complaint("SAFETY", refused, "orderId", "O-OTHER-1"))) {
      TestHttp.Response r = http.postJson("/api/cases", "shop", ReturnFlowDriver.request(body));
      assertThat(r.status()).as(r.body()).isEqualTo(422);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(casesOfCustomer()).isEqualTo(before);
  }

  @Test
  void badStatementsAndAppealsAreRefusedAndChangeNothing() {
    ProcessInstance pi = opened("LOGISTICS", null);
    String caseId = pi.getBusinessKey();
    String refused = refusedReturn();
    List<TestHttp.Response> bad = List.of(
        http.postJson("/api/cases/" + caseId + "/seller-statement", "agent", "{\"sellerId\":\"" + seller + "\"}"),
        http.postJson("/api/cases/" + caseId + "/seller-statement", "agent", "{\"sellerId\":\"" + seller
            + "\",\"statement\":\"<script>x</script>\"}"),
        http.postJson("/api/cases/" + caseId + "/seller-statement", "agent", "{\"sellerId\":\"" + seller
            + "\",\"statement\":\"ok\",\"evidence\":[\"ftp://x\"]}"),
        http.postJson("/api/cases/" + caseId + "/seller-statement", "agent", "not json"),
        http.postJson("/api/cases/" + caseId + "/appeal", "shop", "{\"reason\":\"  \"}"),
        http.get("/api/sellers/" + seller + "/penalties?from=yesterday", "supervisor"),
        http.get("/api/sellers/" + seller + "/penalties?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "supervisor"));
    for (TestHttp.Response r : bad) {
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    // another seller, an unknown case, a case that is no complaint: not found
    assertThat(statement(caseId, "S-SOMEONE-ELSE", "Not ours").status()).isEqualTo(404);
    assertThat(statement("AS-20260101-NOSUCH", seller, "Hello").status()).isEqualTo(404);
    assertThat(statement(refused, seller, "Hello").status()).isIn(404, 409);
    assertThat(http.send("POST", "/api/cases/" + caseId + "/appeal", "shop", "application/json", "{\"reason\":\"x\"}",
        Map.of("X-Customer-Id", "C-SOMEONE-ELSE")).status()).isEqualTo(404);
    // nothing decided yet: nothing to appeal
    TestHttp.Response early = appeal(caseId, "Too slow");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body()).contains("no decision to appeal yet");
    // an agent reads cases but not the seller penalty record's writers; a shop integration cannot decide
    assertThat(http.get("/api/sellers/" + seller + "/penalties", "technician").status()).isEqualTo(403);
    assertThat(pi).isWaitingAt(AWAIT_STATEMENT, INVESTIGATE);
    assertThat(flow.variable(caseId, Var.SELLER_HEARD)).isEqualTo(false);
    assertThat(flow.variable(caseId, Var.APPEALED)).isEqualTo(false);
  }
}
