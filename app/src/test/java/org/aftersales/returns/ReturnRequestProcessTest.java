package org.aftersales.returns;

import static org.aftersales.returns.RefundProcess.Element.*;
import static org.aftersales.returns.ReturnProcess.Element.*;
import static org.aftersales.returns.ReturnProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.notification.NotificationStore;
import org.aftersales.notification.NotificationType;
import org.aftersales.notification.simulator.MailSimulator;
import org.aftersales.notification.SentNotification;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of {@code return-request}, driven through the case API and the event endpoints with the job
 * executor off, so each test decides when jobs and timers run. Carrier and payment calls go through the
 * real HTTP clients to the simulators.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class ReturnRequestProcessTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlatformTransactionManager transactions;
  @Autowired NotificationStore notifications;
  @Autowired MailSimulator mails;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
  }

  @Test
  void approvedReturnIsPickedUpInspectedAndRefundedInFull() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    assertThat(pi).isWaitingAt(REVIEW);
    assertThat(task(pi)).hasCandidateGroup("agents");
    assertThat(task(pi).getDueDate()).isNotNull();
    assertThat(flow.view(caseId).get("stage").asText()).isEqualTo("Waiting for after-sales review");

    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(AWAIT_GOODS).hasPassed(NOTIFY_APPROVED, BOOK_PICKUP, NOTIFY_PICKUP_BOOKED);
    String trackingNumber = (String) flow.variable(caseId, Var.TRACKING_NUMBER);
    assertThat(flow.parcelEvent(trackingNumber, "PICKED_UP").status()).isEqualTo(200);
    assertThat(flow.parcelEvent(trackingNumber, "DELIVERED").status()).isEqualTo(200);

    assertThat(pi).isWaitingAt(INSPECT);
    assertThat(task(pi)).hasCandidateGroup("inspectors");
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true, Var.INSPECTION_CONDITION, "NEW"));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(PAY_REFUND);
    assertThat(flow.variable(caseId, Var.REFUND_AMOUNT)).isEqualTo("2999.00");
    // issue 21: no variables for what is not there (no postage compensation, no failed refund) or counted elsewhere
    assertThat(java.util.stream.Stream.of(Var.POSTAGE_COMPENSATION, Var.REFUND_FAILURES, Var.REFUND_REQUESTS)
        .map(name -> flow.variable(caseId, name))).containsOnlyNulls();

    settle(caseId, "SUCCEEDED", "2999.00");
    assertThat(pi).isEnded().hasPassed(END_REFUNDED);
    JsonNode view = flow.view(caseId);
    assertThat(view.get("status").asText()).isEqualTo("CLOSED");
    assertThat(view.get("outcome").asText()).isEqualTo("REFUNDED");
    assertThat(view.get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(flow.timeline(caseId)).contains("Case opened", "Your request was approved",
        "The courier collected your parcel", "Your parcel arrived at our warehouse", "The goods passed inspection",
        "Refund of 2999.00 CNY paid", "Case closed: Refunded");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("We e-mailed you"));
  }

  @Test
  void rejectedRequestClosesWithTheReason() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "REJECT", Var.REJECT_REASON, "The colour matches the listing photos"));
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(NOTIFY_REJECTED, END_REJECTED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(flow.timeline(caseId)).contains("Your request was declined");
  }

  @Test
  void aRejectionWithoutReasonIsRefusedAndTheTaskStaysOpen() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    String taskId = task(pi).getId();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService()
            .complete(taskId, Map.of(Var.REVIEW_DECISION, "REJECT")))
        .hasMessageContaining("reason");
    assertThat(pi).isWaitingAt(REVIEW);
  }

  @Test
  void noAnswerWithinTheLimitApprovesAutomatically() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    flow.fireTimer(caseId, REVIEW_OVERDUE);
    assertThat(pi).hasPassed(REVIEW_OVERDUE, NOTIFY_APPROVED, BOOK_PICKUP).isWaitingAt(AWAIT_GOODS);
    assertThat(flow.timeline(caseId)).contains("Approved automatically: the shop did not answer within the time limit");
  }

  @Test
  void customerShipsBackAndTheSellerPaysThePostage() {
    String caseId = flow.open(Map.of("returnMethod", "SELF_SHIP", "paidAmount", "200.00",
        "items", List.of(Map.of("sku", "CUP-1", "name", "Cup", "quantity", 1, "orderedQuantity", 2, "unitPrice", "100.00"))));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(AWAIT_CUSTOMER_SHIPMENT).hasPassed(SHIP_BACK_INSTRUCTIONS);
    assertThat(flow.view(caseId).get("stage").asText()).isEqualTo("Waiting for you to ship the goods back");

    TestHttp.Response shipped = flow.http().postJson("/api/cases/" + caseId + "/return-shipment", "shop",
        "{\"trackingNumber\":\"YT1234567890\"}");
    assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
    assertThat(flow.http().postJson("/api/cases/" + caseId + "/return-shipment", "shop",
        "{\"trackingNumber\":\"YT1234567890\"}").status()).isEqualTo(409);
    flow.runDueJobs();
    assertThat(pi).hasPassed(WATCH_PARCEL).isWaitingAt(AWAIT_GOODS);
    flow.parcelEvent("YT1234567890", "DELIVERED");
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    assertThat(flow.variable(caseId, Var.POSTAGE_COMPENSATION)).isEqualTo("12.00");
    assertThat(flow.variable(caseId, Var.REFUND_AMOUNT)).isEqualTo("112.00");
    settle(caseId, "SUCCEEDED", "112.00");
    assertThat(pi).isEnded();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("112.00");
  }

  @Test
  void nothingShippedWithinTheLimitExpiresTheCase() {
    String caseId = flow.open(Map.of("returnMethod", "SELF_SHIP"));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.fireTimer(caseId, SHIP_BACK_OVERDUE);
    assertThat(pi).isEnded().hasPassed(NOTIFY_EXPIRED, END_EXPIRED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("EXPIRED");
    assertThat(flow.timeline(caseId)).contains("Nothing was shipped back within the time limit");
  }

  @Test
  void failedInspectionSendsTheGoodsBack() {
    String caseId = atInspection(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, false, Var.INSPECTION_CONDITION, "USED",
        Var.INSPECTION_NOTES, "Scratches on the screen", Var.INSPECTION_PHOTOS, "https://photos.example.com/1.jpg"));
    assertThat(pi).isWaitingAt(DECIDE_FAILED_INSPECTION);
    assertThat(task(pi)).hasCandidateGroup("agents");
    complete(task(pi), withVariables(Var.FAILED_INSPECTION_DECISION, "SEND_BACK"));
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(BOOK_SEND_BACK, NOTIFY_SENT_BACK, END_RETURNED_TO_CUSTOMER);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("RETURNED_TO_CUSTOMER");
    assertThat(flow.variable(caseId, Var.OUTBOUND_TRACKING_NUMBER)).isNotNull();
  }

  @Test
  void failedInspectionEndsInAPartialRefund() {
    String caseId = atInspection(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, false));
    complete(task(pi), withVariables(Var.FAILED_INSPECTION_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 500));
    flow.runDueJobs();
    assertThat(flow.variable(caseId, Var.REFUND_AMOUNT)).isEqualTo("500.00");
    settle(caseId, "SUCCEEDED", "500.00");
    assertThat(pi).isEnded().hasPassed(END_REFUNDED);
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("500.00");
  }

  @Test
  void inspectionNotDoneInTimeReleasesTheRefund() {
    String caseId = atInspection(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    flow.fireTimer(caseId, INSPECTION_OVERDUE);
    assertThat(pi).hasPassed(INSPECTION_OVERDUE).isWaitingAt(PAY_REFUND);
    assertThat(flow.timeline(caseId)).contains("Inspection took too long: your refund is released without it");
  }

  /**
   * The review form's display values, read as Tasklist reads them (form-variables, as the agent): codes in words,
   * times in China time, the targets, the refund limit.
   */
  @Test
  void theReviewTaskShowsTheCaseInWordsInChinaTimeWithItsTargetsAndTheMostThatMayBeRefunded() {
    OffsetDateTime delivered = OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).minusDays(2).withSecond(0).withNano(0);
    String caseId = flow.open(Map.of("deliveredAt", delivered.toString(), "requestedAmount", "2500.00"));
    ProcessInstance pi = flow.instance(caseId);
    Map<String, Object> shown = org.aftersales.TaskFormReads.shown(flow.http(), task(pi).getId(), "agent");
    String deliveredShown = delivered.format(java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")) + "（北京时间）";
    assertThat((String) shown.get("caseSummary")).contains("服务单 " + caseId + "：退货退款（Return and refund）",
        "原因 与描述不符（Not as described）", "签收于 " + deliveredShown, "实付 2999.00 CNY", "申请 2500.00 CNY",
        "1 × Phone X（PHONE-X-BLUE）").doesNotContain("UTC", "NOT_AS_DESCRIBED");
    assertThat(shown).containsEntry("reasonText", "与描述不符（Not as described）")
        .containsEntry("caseTypeText", "退货退款（Return and refund）")
        .containsEntry("mostRefundable", 2500.0).containsEntry("mostRefundableText", "2500.00 CNY");
    assertThat((String) shown.get("caseTargets")).contains("首次响应 First response", "目标 1天", "还剩",
        "解决 Resolution", "目标 7天", "本任务截止 This task is due", "（北京时间）");
    assertThat((String) shown.get("caseHistory")).contains("（北京时间）").doesNotContain(" UTC");
    assertThat((String) shown.get("eligibilityNoteText")).as("the rule table's sentence, in Chinese with its English")
        .startsWith("在质量问题和货不对板的 30 天期限内").contains("（Within the 30-day period");
  }

  @Test
  void partialRefundOfferedInsteadOfAReturnAndAccepted() throws java.io.IOException {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 300.5));
    flow.runDueJobs();
    assertThat(pi).hasPassed(NOTIFY_PARTIAL_REFUND).isWaitingAt(RECORD_OFFER_ANSWER);
    assertThat(task(pi)).hasCandidateGroup("agents");
    try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(task(pi).getId())) {
      assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"id\": \"record-offer-answer\"");
    }
    assertThat(flow.view(caseId).get("stage").asText()).isEqualTo("Waiting for your answer to the partial refund offer");
    // the shop's answer while the agents' phone task is open: the task goes, the shop's answer counts
    assertThat(answer(caseId, "{\"accept\":true}").status()).isEqualTo(200);
    assertThat(offerTasks(pi)).isZero();
    flow.runDueJobs();
    assertThat(pi).hasPassed(OFFER_ANSWERED).isWaitingAt(PAY_REFUND).hasNotPassed(BOOK_PICKUP);
    settle(caseId, "SUCCEEDED", "300.50");
    assertThat(pi).isEnded();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("300.50");
    assertThat(flow.timeline(caseId)).contains("You accepted the partial refund");
  }

  @Test
  void aDeclinedOfferGoesBackToReview() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 200));
    flow.runDueJobs();
    assertThat(answer(caseId, "{\"accept\":false}").status()).isEqualTo(200);
    assertThat(pi).isWaitingAt(REVIEW);
    assertThat(answer(caseId, "{\"accept\":true}").status()).isEqualTo(409);
    assertThat(answer(caseId, "{\"accept\":\"maybe\"}").status()).isEqualTo(400);
  }

  @Test
  void anOfferAcceptedByPhoneIsRecordedByAnAgentAndTheShopCannotAnswerAfterwards() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = offered(caseId, 250);
    assertThat(pi).isWaitingAt(RECORD_OFFER_ANSWER);
    complete(task(pi), withVariables(Var.PROPOSAL_ACCEPTED, true));
    flow.runDueJobs();
    assertThat(pi).hasPassed(RECORD_OFFER_ANSWER).hasNotPassed(OFFER_ANSWERED, PROPOSAL_UNANSWERED).isWaitingAt(PAY_REFUND);
    assertThat(flow.variable(caseId, Var.REFUND_AMOUNT)).isEqualTo("250.00");
    assertThat(flow.timeline(caseId)).contains("You accepted the partial refund");
    // the first answer wins: the shop's answer that comes later is refused
    assertThat(answer(caseId, "{\"accept\":false}").status()).isEqualTo(409);
    assertThat(pi).isWaitingAt(PAY_REFUND);
  }

  @Test
  void anOfferDeclinedByPhoneGoesBackToReview() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = offered(caseId, 250);
    complete(task(pi), withVariables(Var.PROPOSAL_ACCEPTED, false));
    assertThat(pi).hasPassed(RECORD_OFFER_ANSWER).hasNotPassed(CALCULATE_REFUND).isWaitingAt(REVIEW);
    assertThat(flow.timeline(caseId)).contains("You declined the partial refund: after-sales looks at your request again");
    assertThat(answer(caseId, "{\"accept\":true}").status()).isEqualTo(409);
  }

  /** The review of case {@code caseId} offers a partial refund of {@code amount}; the offer is sent. */
  private ProcessInstance offered(String caseId, Number amount) {
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, amount));
    flow.runDueJobs();
    return pi;
  }

  private long offerTasks(ProcessInstance pi) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(RECORD_OFFER_ANSWER).count();
  }

  @Test
  void anUnansweredOfferCountsAsAccepted() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 200));
    flow.runDueJobs();
    flow.fireTimer(caseId, PROPOSAL_UNANSWERED);
    assertThat(pi).hasPassed(PROPOSAL_UNANSWERED).isWaitingAt(PAY_REFUND);
    assertThat(offerTasks(pi)).isZero();
    assertThat(flow.variable(caseId, Var.REFUND_AMOUNT)).isEqualTo("200.00");
  }

  @Test
  void withdrawnWhileAnOfferWaitsForAnAnswer() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 200));
    flow.runDueJobs();
    assertWithdrawn(caseId);
  }

  private TestHttp.Response answer(String caseId, String body) {
    return flow.http().postJson("/api/cases/" + caseId + "/partial-refund-answer", "shop", body);
  }

  @Test
  void aPartialRefundAboveTheAmountAskedIsRefused() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    String taskId = task(pi).getId();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId,
        Map.of(Var.REVIEW_DECISION, "PARTIAL_REFUND", Var.PARTIAL_AMOUNT, 5000))).hasMessageContaining("more than");
    assertThat(flow.instance(caseId)).isWaitingAt(REVIEW);
  }

  @Test
  void refundsAboveTheLimitNeedFinanceApproval() {
    String caseId = atInspection(Map.of("paidAmount", "6999.00",
        "items", List.of(Map.of("sku", "TV-65", "name", "TV 65 inch", "quantity", 1, "unitPrice", "6999.00"))));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    assertThat(pi).isWaitingAt(APPROVE_REFUND);
    assertThat(task(pi)).hasCandidateGroup("finance");
    complete(task(pi), withVariables(Var.REFUND_AMOUNT, "6500.00"));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(PAY_REFUND);
    settle(caseId, "SUCCEEDED", "6500.00");
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("6500.00");
  }

  @Test
  void aFailedRefundIsRetriedWithANewRefundAndPaidOnce() {
    String caseId = atRefund();
    ProcessInstance pi = flow.instance(caseId);
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), caseId + "-R1", "FAILED", "2999.00").status()).isEqualTo(200);
    assertThat(flow.refundInstance(caseId)).isWaitingAt(REFUND_RETRY_DELAY);
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("0.00");
    flow.fireTimer(caseId, REFUND_RETRY_DELAY);
    assertThat(flow.variable(caseId, Var.REFUND_ID)).isEqualTo(caseId + "-R2");
    settle(caseId, "SUCCEEDED", "2999.00");
    assertThat(pi).isEnded().hasPassed(END_REFUNDED);
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(flow.timeline(caseId)).contains("The refund of 2999.00 CNY could not be paid (Card account closed)");
  }

  @Test
  void refundsThatKeepFailingRaiseAnIncidentAndGoToFinance() {
    String caseId = atRefund();
    ProcessInstance pi = flow.instance(caseId);
    for (int attempt = 1; attempt <= 3; attempt++) {
      flow.paymentEvent(UUID.randomUUID().toString(), caseId + "-R" + attempt, "FAILED", "2999.00");
      if (attempt < 3) {
        flow.fireTimer(caseId, REFUND_RETRY_DELAY);
      }
    }
    flow.runDueJobs();
    ProcessInstance refund = flow.refundInstance(caseId);
    assertThat(refund).isWaitingAt(RESOLVE_FAILED_REFUND).hasPassed(NOTIFY_REFUND_DELAYED);
    assertThat(task(refund)).hasCandidateGroup("finance");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(refund.getId())
        .incidentType(RefundFailureIncident.TYPE).count()).isEqualTo(1);
    complete(task(refund), withVariables(Var.FINANCE_NOTE, "Customer gave a new account"));
    flow.runDueJobs();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(refund.getId()).count()).isZero();
    assertThat(flow.variable(caseId, Var.REFUND_ID)).isEqualTo(caseId + "-R4");
    settle(caseId, "SUCCEEDED", "2999.00");
    assertThat(pi).isEnded();
  }

  @Test
  void exchangeBringsTheBrokenItemBackAndSendsANewOne() {
    String caseId = atInspection(Map.of("type", "EXCHANGE", "reason", "DAMAGED"));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(BOOK_REPLACEMENT, NOTIFY_REPLACEMENT_SHIPPED, END_REPLACED)
        .hasNotPassed(PAY_REFUND);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("RESHIPPED");
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("0.00");
  }

  @Test
  void reshipmentOfALostParcelNeedsNoReturnAndNoPerson() {
    String caseId = flow.open(ReturnFlowDriver.with("type", "RESHIP", "reason", "LOST", "deliveredAt", null, "paidAmount", "299.00",
        "items", List.of(Map.of("sku", "FAN-1", "name", "Desk fan", "quantity", 1, "unitPrice", "299.00"))));
    ProcessInstance pi = flow.instance(caseId);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(BOOK_REPLACEMENT, END_REPLACED).hasNotPassed(REVIEW, BOOK_PICKUP);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("RESHIPPED");
  }

  @Test
  void refundOnlyForAParcelThatNeverArrived() {
    String caseId = flow.open(ReturnFlowDriver.with("type", "REFUND_ONLY", "reason", "NOT_RECEIVED", "deliveredAt", null,
        "paidAmount", "299.00", "items", List.of(Map.of("sku", "FAN-1", "name", "Desk fan", "quantity", 1, "unitPrice", "299.00"))));
    ProcessInstance pi = flow.instance(caseId);
    flow.runDueJobs();
    assertThat(pi).hasNotPassed(REVIEW, BOOK_PICKUP, INSPECT).isWaitingAt(PAY_REFUND);
    settle(caseId, "SUCCEEDED", "299.00");
    assertThat(pi).isEnded().hasPassed(END_REFUNDED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REFUNDED");
  }

  @Test
  void reshipmentWithTheBrokenItemComingBack() {
    String caseId = atInspection(Map.of("type", "RESHIP", "reason", "DAMAGED", "withReturn", true));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(BOOK_PICKUP, INSPECT, BOOK_REPLACEMENT);
  }

  @Test
  void aLostReturnParcelIsRefundedAnyway() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, Var.TRACKING_NUMBER), "LOST");
    flow.runDueJobs();
    assertThat(pi).hasPassed(PARCEL_LOST).hasNotPassed(INSPECT).isWaitingAt(PAY_REFUND);
  }

  @Test
  void aCourierThatCannotCollectLeavesTheShippingToTheCustomer() {
    String caseId = flow.open(Map.of("contact", Map.of("name", "Anna", "email", "anna@example.com",
        "address", Map.of("line1", "1 Rue de Rivoli", "city", "Paris", "country", "FR"))));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    assertThat(pi).hasPassed("BoundaryEvent_PickupNotPossible", SHIP_BACK_INSTRUCTIONS).isWaitingAt(AWAIT_CUSTOMER_SHIPMENT);
  }

  @Test
  void requestsOutsideTheRulesAreNotEligible() {
    String caseId = flow.open(Map.of("reason", "NO_REASON",
        "deliveredAt", java.time.OffsetDateTime.now().minusDays(10).withNano(0).toString()));
    // rejected and its notice queued within the opening request: the send task is no job any more (issue 21)
    assertThat(flow.instance(caseId)).isNull();
    flow.runDueJobs();
    String ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(ReturnProcess.KEY).singleResult().getId();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(ended)
        .activityId(REVIEW).count()).isZero();
    assertThat(notifications.sentFor(caseId)).extracting(SentNotification::type)
        .containsExactly(NotificationType.REQUEST_REJECTED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(flow.timeline(caseId))
        .anyMatch(e -> e.startsWith("Your request is not eligible: The seven-day no-reason return period ended on "));
  }

  @Test
  void theSevenDaysAreCalendarDaysInChinaCountedFromTheDayAfterDelivery() {
    // opened at 03:49 on 5 December in China, still 4 December in UTC
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-05T03:49:00+08:00").toInstant()));
    try {
      // delivered late or early on 27 November: 5 December is the 8th day either way
      for (String deliveredAt : List.of("2026-11-27T23:30:00+08:00", "2026-11-27T00:10:00+08:00")) {
        String caseId = flow.open(Map.of("reason", "NO_REASON", "deliveredAt", deliveredAt, "paidAmount", "129.00",
            "items", List.of(Map.of("sku", "MUG-1", "name", "Mug", "quantity", 1, "unitPrice", "129.00"))));
        assertThat(caseId).startsWith("AS-20261205-");
        flow.runDueJobs();
        assertThat(flow.instance(caseId)).isNull();
        assertThat(flow.view(caseId).get("outcome").asText()).as(deliveredAt).isEqualTo("REJECTED");
        assertThat(flow.variable(caseId, Var.ELIGIBILITY_NOTE)).as(deliveredAt)
            .isEqualTo("The seven-day no-reason return period ended on 2026-12-04");
      }
      // delivered on 28 November: 5 December is the 7th and last day
      String caseId = flow.open(Map.of("reason", "NO_REASON", "deliveredAt", "2026-11-28T00:10:00+08:00"));
      flow.runDueJobs();
      assertThat(flow.instance(caseId)).isWaitingAt(REVIEW);
      assertThat(flow.variable(caseId, Var.ELIGIBILITY_NOTE))
          .isEqualTo("Within the seven-day no-reason return period, which ends on 2026-12-05");
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void withdrawnDuringReview() {
    assertWithdrawn(flow.open(Map.of()));
  }

  @Test
  void withdrawnWhileWaitingForTheCustomersShipment() {
    String caseId = flow.open(Map.of("returnMethod", "SELF_SHIP"));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    assertWithdrawn(caseId);
  }

  @Test
  void withdrawnDuringInspection() {
    assertWithdrawn(atInspection(Map.of()));
  }

  @Test
  void withdrawnWhileFinanceApproves() {
    String caseId = atInspection(Map.of("paidAmount", "6999.00",
        "items", List.of(Map.of("sku", "TV-65", "name", "TV 65 inch", "quantity", 1, "unitPrice", "6999.00"))));
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    assertWithdrawn(caseId);
  }

  @Test
  void withdrawalIsRefusedOnceTheRefundIsRequested() {
    String caseId = atRefund();
    TestHttp.Response refused = flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body()).contains("can no longer be withdrawn");
    assertThat(flow.instance(caseId)).isWaitingAt(PAY_REFUND);
    settle(caseId, "SUCCEEDED", "2999.00");
    TestHttp.Response closed = flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "");
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.body()).contains("already closed");
  }

  @Test
  void theApprovalMailNeedsNoJobAndGoesOutWhenTheRelayRuns() {
    // issue 21: each send task was a job of its own (asyncBefore; about 18 statements and 1.4 commits each)
    String email = "li.wei." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String caseId = flow.open(Map.of("contact", Map.of("name", "Li Wei", "email", email, "phone", "+86 138 0000 5678",
        "address", Map.of("line1", "1 Nanjing Road", "city", "Shanghai", "postalCode", "200001", "country", "CN"))));
    ProcessInstance pi = flow.instance(caseId);

    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));

    assertThat(pi).hasPassed(NOTIFY_APPROVED);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).activityId(NOTIFY_APPROVED)
        .count()).as("no job for the send task").isZero();
    assertThat(notifications.pendingFor(caseId)).extracting(SentNotification::type)
        .containsExactly(NotificationType.REQUEST_APPROVED);
    assertThat(mails.messages(email)).isEmpty();
    assertThat(flow.timeline(caseId)).noneMatch(e -> e.startsWith("We e-mailed you"));

    flow.runDueJobs(); // books the pickup, then the relay sends what the steps queued

    assertThat(pi).isWaitingAt(AWAIT_GOODS).hasPassed(NOTIFY_PICKUP_BOOKED);
    assertThat(notifications.pendingFor(caseId)).isEmpty();
    assertThat(notifications.sentFor(caseId)).extracting(SentNotification::type)
        .containsExactlyInAnyOrder(NotificationType.REQUEST_APPROVED, NotificationType.PICKUP_BOOKED);
    assertThat(mails.messages(email)).hasSize(2);
    // the pickup window comes from the parcel record (issue 21: no pickupWindowStart/End variables)
    assertThat(mails.messages(email)).filteredOn(m -> m.body().contains("A courier will collect")).singleElement()
        .satisfies(m -> assertThat(m.body()).containsPattern("between \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\(China time\\) "
            + "and \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\(China time\\)"));
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableNameIn(Var.PICKUP_WINDOW_START, Var.PICKUP_WINDOW_END).count()).as("no window variables").isZero();
    assertThat(flow.timeline(caseId)).filteredOn(e -> e.startsWith("We e-mailed you")).hasSize(2);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("notificationsSent").count()).as("no counter variable any more").isZero();
    // the diagram's fixed notice type is read from the parsed model, not written as a local variable each time
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("notificationType").count()).as("no notificationType variable").isZero();
  }

  @Test
  void aRolledBackStepLeavesNoNoticeAndTheCancelThatFollowsIsToldOnce() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    String review = task(pi).getId();
    // the approval's transaction fails to commit (a cancel overtook it, say): its notice goes with it
    new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      engine.getTaskService().complete(review, Map.of(Var.REVIEW_DECISION, "APPROVE"));
      tx.setRollbackOnly();
    });
    assertThat(pi).isWaitingAt(REVIEW);
    assertThat(notifications.pendingFor(caseId)).isEmpty();
    assertThat(flow.sendMails()).isZero();

    TestHttp.Response cancelled = flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    flow.runDueJobs();

    assertThat(pi).isEnded().hasPassed(NOTIFY_CANCELLED, END_CANCELLED);
    assertThat(notifications.sentFor(caseId)).extracting(SentNotification::type)
        .containsExactly(NotificationType.CASE_CANCELLED);
  }

  @Test
  void aTaskCompletedAfterTheCaseWasWithdrawnIsAConflictThatChangesNothing() {
    String caseId = flow.open(Map.of());
    String taskId = task(flow.instance(caseId)).getId();
    TestHttp tasklist = TestHttp.browser(port);
    tasklist.logIn("agent", "tasklist");
    tasklist.get("/camunda/api/engine/engine/default/task/count", null); // Tasklist fetches its CSRF token first
    assertThat(flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "").status()).isEqualTo(200);

    String approve = "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}";
    List<TestHttp.Response> late = List.of(
        flow.http().postJson("/engine-rest/task/" + taskId + "/submit-form", "agent", approve),
        flow.http().postJson("/engine-rest/task/" + taskId + "/complete", "agent", approve),
        tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", null,
            "application/json", approve, Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"))));
    for (TestHttp.Response answer : late) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(409);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body()).contains("Case " + caseId + " was withdrawn");
    }
    flow.runDueJobs();
    JsonNode view = flow.view(caseId);
    assertThat(view.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(view.get("refundedAmount").asText()).isEqualTo("0.00");
  }

  private void assertWithdrawn(String caseId) {
    ProcessInstance pi = flow.instance(caseId);
    TestHttp.Response cancelled = flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    JsonNode view = ReturnFlowDriver.read(cancelled);
    assertThat(view.get("status").asText()).isEqualTo("CLOSED");
    assertThat(view.get("outcome").asText()).isEqualTo("CANCELLED");
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(WITHDRAWN, NOTIFY_CANCELLED, END_CANCELLED);
    assertThat(flow.timeline(caseId)).contains("You withdrew the request");
  }

  /** A case approved, picked up and delivered, waiting for the inspector. */
  private String atInspection(Map<String, Object> overrides) {
    String caseId = flow.open(overrides);
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, Var.TRACKING_NUMBER), "DELIVERED");
    assertThat(pi).isWaitingAt(INSPECT);
    return caseId;
  }

  /** A case whose full refund has been sent to the provider. */
  private String atRefund() {
    String caseId = atInspection(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(PAY_REFUND);
    return caseId;
  }

  private void settle(String caseId, String status, String amount) {
    TestHttp.Response answer = flow.paymentEvent(UUID.randomUUID().toString(),
        (String) flow.variable(caseId, Var.REFUND_ID), status, amount);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    flow.runDueJobs();
  }
}
