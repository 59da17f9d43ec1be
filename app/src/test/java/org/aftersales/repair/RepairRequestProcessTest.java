package org.aftersales.repair;

import static org.aftersales.repair.RepairProcess.Element.*;
import static org.aftersales.repair.RepairProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.cases.CaseCosts;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path of {@code repair-request}, through the case API and the repair endpoints, with the job
 * executor off so that each test decides when jobs and timers run; carrier and payment through the real
 * clients and the simulators.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class RepairRequestProcessTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CaseCosts costs;
  @Autowired JdbcTemplate jdbc;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
  }

  static Map<String, Object> repair(Object... overrides) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "REPAIR");
    body.put("reason", "FAULT");
    body.put("fault", "SCREEN_FLICKER");
    body.put("faultCause", "QUALITY_DEFECT");
    body.put("productCategory", "PHONE");
    body.put("warrantyMonths", 12);
    body.put("deliveredAt", OffsetDateTime.now().minusMonths(3).withNano(0).toString());
    body.put("description", "The screen flickers after a few minutes");
    body.put("evidence", List.of("https://photos.example.com/flicker.mp4"));
    body.putAll(ReturnFlowDriver.with(overrides));
    return body;
  }

  ProcessInstance instance(String caseId) {
    return flow.instance(caseId, RepairProcess.KEY);
  }

  @Test
  void insideTheWarrantyTheRepairIsFree() {
    ProcessInstance pi = started();
    String caseId = pi.getBusinessKey();
    assertThat(pi).hasPassed(CHECK_COVERAGE, BOOK_PICKUP).isWaitingAt(AWAIT_PRODUCT);
    assertThat(flow.variable(caseId, Var.COVERAGE)).isEqualTo("FREE");
    atDiagnosis(caseId, pi);
    diagnose(pi, "QUALITY_DEFECT", 0);
    assertThat(pi).isWaitingAt(REPAIR_PRODUCT).hasNotPassed(SEND_QUOTE);
    repairWith(pi, "BAT-PX-01 SN12345678901", 1.5);
    qualityCheck(pi, true);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(BOOK_RETURN_SHIPMENT, END_REPAIRED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REPAIRED");
    assertThat(costs.forCase(caseId)).extracting(CaseCosts.Cost::category, CaseCosts.Cost::borneBy).contains(
        org.assertj.core.groups.Tuple.tuple(CaseCosts.Category.PARTS, CaseCosts.BorneBy.US),
        org.assertj.core.groups.Tuple.tuple(CaseCosts.Category.LABOUR, CaseCosts.BorneBy.US),
        org.assertj.core.groups.Tuple.tuple(CaseCosts.Category.LOGISTICS, CaseCosts.BorneBy.US));
    assertThat(flow.timeline(caseId)).contains("Inside the warranty: the repair is free", "Diagnosis done", "Repair done",
        "The repair passed the quality check", "Case closed: Repaired and on its way back");
  }

  @Test
  void outsideTheWarrantyTheCustomerAcceptsAQuote() {
    ProcessInstance pi = started("deliveredAt", OffsetDateTime.now().minusMonths(14).withNano(0).toString());
    String caseId = pi.getBusinessKey();
    atDiagnosis(caseId, pi);
    diagnose(pi, "QUALITY_DEFECT", 350);
    flow.runDueJobs();
    assertThat(pi).hasPassed(SEND_QUOTE).isWaitingAt(RECORD_QUOTE_ANSWER);
    assertThat(post(caseId, "quote-answer", "{\"accept\":true}").status()).isEqualTo(200);
    assertThat(post(caseId, "quote-answer", "{\"accept\":true}").status()).isEqualTo(409);
    flow.runDueJobs();
    assertThat(pi).hasPassed(QUOTE_ANSWERED, COLLECT_PAYMENT).isWaitingAt(AWAIT_PAYMENT);
    assertThat(flow.chargeEvent(caseId + "-C1", "SUCCEEDED", "1.00").status()).isEqualTo(409);
    assertThat(flow.chargeEvent(caseId + "-C1", "SUCCEEDED", "350.00").status()).isEqualTo(200);
    assertThat(pi).isWaitingAt(REPAIR_PRODUCT);
    assertThat(flow.timeline(caseId)).contains("Your payment of 350.00 CNY was received");
    repairWith(pi, "SCR-PX-01 SN99887766554", 2);
    qualityCheck(pi, true);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(END_REPAIRED);
    assertThat(costs.forCase(caseId)).filteredOn(c -> c.category() != CaseCosts.Category.LOGISTICS)
        .allMatch(c -> c.borneBy() == CaseCosts.BorneBy.CUSTOMER);
  }

  @Test
  void aPaidRepairThatCostsNothingNeedsNoQuote() {
    ProcessInstance pi = started("deliveredAt", OffsetDateTime.now().minusMonths(14).withNano(0).toString());
    atDiagnosis(pi.getBusinessKey(), pi);
    diagnose(pi, "QUALITY_DEFECT", 0);
    assertThat(pi).isWaitingAt(REPAIR_PRODUCT).hasNotPassed(SEND_QUOTE, COLLECT_PAYMENT);
  }

  @Test
  void anAgentRecordsAQuoteAcceptedByPhone() {
    ProcessInstance pi = atQuote();
    complete(task(pi), withVariables(Var.QUOTE_ACCEPTED, true));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(AWAIT_PAYMENT);
  }

  @Test
  void aQuoteNotPaidInTimeSendsTheProductBack() {
    ProcessInstance pi = atQuote();
    assertThat(post(pi.getBusinessKey(), "quote-answer", "{\"accept\":true}").status()).isEqualTo(200);
    flow.runDueJobs();
    flow.fireTimer(pi.getBusinessKey(), PAYMENT_OVERDUE);
    assertClosed(pi, "RETURNED_TO_CUSTOMER");
    assertThat(pi).hasPassed(BOOK_UNREPAIRED_RETURN).hasNotPassed(REPAIR_PRODUCT);
  }

  @Test
  void aFailedPaymentSendsTheProductBack() {
    ProcessInstance pi = atQuote();
    String caseId = pi.getBusinessKey();
    assertThat(post(caseId, "quote-answer", "{\"accept\":true}").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(flow.chargeEvent(caseId + "-C1", "FAILED", "350.00").status()).isEqualTo(200);
    flow.runDueJobs();
    assertClosed(pi, "RETURNED_TO_CUSTOMER");
    assertThat(flow.chargeEvent(caseId + "-C1", "SUCCEEDED", "350.00").status()).isEqualTo(409);
    assertThat(flow.chargeEvent(caseId + "-C9", "SUCCEEDED", "350.00").status()).isEqualTo(404);
  }

  @Test
  void aDeclinedQuoteSendsTheProductBackWithTheDiagnosisFee() {
    ProcessInstance pi = atQuote();
    String caseId = pi.getBusinessKey();
    assertThat(post(caseId, "quote-answer", "{\"accept\":false}").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(CHARGE_DIAGNOSIS_FEE, BOOK_UNREPAIRED_RETURN, END_RETURNED_UNREPAIRED);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("RETURNED_TO_CUSTOMER");
    assertThat(costs.forCase(caseId)).anyMatch(c -> c.category() == CaseCosts.Category.DIAGNOSIS
        && c.borneBy() == CaseCosts.BorneBy.CUSTOMER && c.amount().compareTo(new java.math.BigDecimal("50.00")) == 0);
  }

  @Test
  void anUnansweredQuoteCountsAsDeclined() {
    ProcessInstance pi = atQuote();
    flow.fireTimer(pi.getBusinessKey(), QUOTE_UNANSWERED);
    assertThat(pi).isEnded().hasPassed(QUOTE_UNANSWERED, END_RETURNED_UNREPAIRED);
  }

  @Test
  void missingEvidenceIsAskedForAndSupplied() {
    ProcessInstance pi = started("evidence", null, "description", null);
    String caseId = pi.getBusinessKey();
    assertThat(pi).hasPassed(REQUEST_EVIDENCE).isWaitingAt(AWAIT_EVIDENCE);
    assertThat(post(caseId, "evidence", "{\"evidence\":[\"http://insecure.example.com/a.jpg\"]}").status()).isEqualTo(400);
    TestHttp.Response supplied = post(caseId, "evidence",
        "{\"evidence\":[\"https://photos.example.com/a.jpg\"],\"description\":\"Flickers when warm\"}");
    assertThat(supplied.status()).as(supplied.body()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(AWAIT_PRODUCT);
    assertThat(flow.timeline(caseId)).contains("You sent photos and a fault description");
  }

  @Test
  void noEvidenceWithinTheLimitClosesTheCase() {
    ProcessInstance pi = started("evidence", null);
    String caseId = pi.getBusinessKey();
    flow.fireTimer(caseId, EVIDENCE_OVERDUE);
    assertClosed(pi, "EXPIRED");
  }

  @Test
  void theCustomerFixesItWithInstructions() {
    ProcessInstance pi = started("productCategory", "APPLIANCE", "fault", "NOISE");
    String caseId = pi.getBusinessKey();
    assertThat(pi).hasPassed(SEND_SELF_REPAIR).isWaitingAt(AWAIT_SELF_REPAIR_ANSWER);
    assertThat(post(caseId, "self-repair-answer", "{\"fixed\":true}").status()).isEqualTo(200);
    assertThat(pi).isEnded().hasPassed(END_FIXED_BY_CUSTOMER).hasNotPassed(BOOK_PICKUP);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REPAIRED");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.contains("If your fan is noisy"));
  }

  @Test
  void instructionsThatDoNotHelpLeadToASendInRepair() {
    ProcessInstance pi = started("productCategory", "APPLIANCE", "fault", "NOISE");
    String caseId = pi.getBusinessKey();
    assertThat(post(caseId, "self-repair-answer", "{\"fixed\":false}").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).hasPassed(BOOK_PICKUP).isWaitingAt(AWAIT_PRODUCT);
  }

  @Test
  void noAnswerToTheInstructionsClosesTheCase() {
    ProcessInstance pi = started("productCategory", "APPLIANCE", "fault", "NOISE");
    String caseId = pi.getBusinessKey();
    flow.fireTimer(caseId, SELF_REPAIR_UNANSWERED);
    assertClosed(pi, "EXPIRED");
  }

  @Test
  void aFailedQualityCheckGoesBackToRepair() {
    ProcessInstance pi = started();
    String caseId = pi.getBusinessKey();
    atDiagnosis(caseId, pi);
    diagnose(pi, "QUALITY_DEFECT", 0);
    repairWith(pi, "", 1);
    qualityCheck(pi, false);
    assertThat(pi).isWaitingAt(REPAIR_PRODUCT);
    repairWith(pi, "PCB-PX-01 SN11112222333", 3);
    qualityCheck(pi, true);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(END_REPAIRED);
    assertThat(flow.timeline(caseId)).contains("The quality check found more to do", "The repair passed the quality check");
  }

  @Test
  void aFreeRepairNeedsNoEstimateAndAPaidOneDoes() {
    // issue 18: the form asked for "Estimated cost" while saying the repair is free inside the warranty
    ProcessInstance free = started();
    atDiagnosis(free.getBusinessKey(), free);
    TestHttp.Response noEstimate = flow.http().postJson("/engine-rest/task/" + task(free).getId() + "/submit-form",
        "technician", "{\"variables\":{\"faultFound\":{\"value\":true},\"diagnosedCause\":{\"value\":\"QUALITY_DEFECT\"},"
            + "\"estimatedDays\":{\"value\":3}}}");
    assertThat(noEstimate.status()).as(noEstimate.body()).isEqualTo(204);
    assertThat(free).isWaitingAt(REPAIR_PRODUCT).hasNotPassed(SEND_QUOTE);

    ProcessInstance paid = started("deliveredAt", OffsetDateTime.now().minusMonths(14).withNano(0).toString());
    atDiagnosis(paid.getBusinessKey(), paid);
    assertThat(flow.variable(paid.getBusinessKey(), Var.COVERAGE)).isEqualTo("PAID");
    TestHttp.Response refused = flow.http().send("POST", "/engine-rest/task/" + task(paid).getId() + "/submit-form",
        "technician", "application/json", "{\"variables\":{\"faultFound\":{\"value\":true},"
            + "\"diagnosedCause\":{\"value\":\"QUALITY_DEFECT\"}}}", Map.of("Accept-Language", "zh-CN"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("预估费用：本次维修由顾客付费，请填写需顾客确认的报价。").doesNotContain("ENGINE-");
    assertThat(paid).isWaitingAt(DIAGNOSE);
  }

  @Test
  void partsNotOnTheListAreRefused() {
    ProcessInstance pi = started();
    String caseId = pi.getBusinessKey();
    atDiagnosis(caseId, pi);
    diagnose(pi, "QUALITY_DEFECT", 0);
    String taskId = task(pi).getId();
    for (String parts : List.of("NOT-A-PART SN12345678901", "BAT-PX-01 short", "MOT-FAN-40 LOT-123456", "BAT-PX-01")) {
      TestHttp.Response refused = flow.http().send("POST", "/engine-rest/task/" + taskId + "/submit-form", "technician",
          "application/json", "{\"variables\":{\"partsUsed\":{\"value\":\"" + parts + "\"},\"labourHours\":{\"value\":1}}}",
          Map.of("Accept-Language", "en"));
      assertThat(refused.status()).as(parts + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("Parts used");
    }
    assertThat(pi).isWaitingAt(REPAIR_PRODUCT);
    assertThat(costs.forCase(caseId)).noneMatch(c -> c.category() == CaseCosts.Category.PARTS);
  }

  @Test
  void aRepairThatTakesTooLongEndsInAReplacement() {
    ProcessInstance pi = started();
    String caseId = pi.getBusinessKey();
    atDiagnosis(caseId, pi);
    flow.fireTimer(caseId, REPAIR_OVERDUE);
    assertThat(pi).hasPassed(REPAIR_OVERDUE).isWaitingAt(AWAIT_REMEDY_CHOICE);
    assertThat(post(caseId, "remedy", "{\"choice\":\"REPAIR_AGAIN\"}").status()).isEqualTo(400);
    assertThat(post(caseId, "remedy", "{\"choice\":\"REPLACEMENT\"}").status()).isEqualTo(200);
    flow.runDueJobs();
    // a send-in repair: the faulty product is at the service point already, which the case records; no pickup
    assertThat(pi).isEnded().hasPassed(PRODUCT_WITH_US, BOOK_REPLACEMENT, END_REPLACED).hasNotPassed(BOOK_COLLECTION);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("RESHIPPED");
    assertThat(flow.timeline(caseId)).contains("Your product is already at our service point: nothing needs to be sent");
  }

  @Test
  void theSameFaultAgainEndsInARefund() {
    String customer = "C-REP-" + UUID.randomUUID().toString().substring(0, 6);
    ProcessInstance firstPi = started("customerId", customer);
    String first = firstPi.getBusinessKey();
    atDiagnosis(first, firstPi);
    diagnose(firstPi, "QUALITY_DEFECT", 0);
    repairWith(firstPi, "", 1);
    qualityCheck(firstPi, true);
    flow.runDueJobs();
    assertThat(firstPi).isEnded();

    ProcessInstance pi = started("customerId", customer);
    String again = pi.getBusinessKey();
    assertThat(pi).hasNotPassed(BOOK_PICKUP).isWaitingAt(AWAIT_REMEDY_CHOICE);
    assertThat(post(again, "remedy", "{\"choice\":\"REFUND\"}").status()).isEqualTo(200);
    flow.runDueJobs();
    // issue 17, item 8: the faulty product is still with the customer: it is collected before any money goes out
    assertThat(pi).hasPassed(BOOK_COLLECTION).isWaitingAt(AWAIT_PRODUCT_COLLECTED);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_refund WHERE case_id = ?", Integer.class, again)).isZero();
    assertThat(flow.timeline(again)).contains("We collect the faulty product before the replacement or refund");
    String tn = (String) flow.variable(again, ReturnProcess.Var.TRACKING_NUMBER);
    assertThat(flow.parcelEvent(tn, "DELIVERED").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(PAY_REFUND);
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), again + "-R1", "SUCCEEDED", "2999.00").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).isEnded().hasPassed(END_REFUNDED);
    assertThat(flow.view(again).get("refundedAmount").asText()).isEqualTo("2999.00");

    // the order is paid back in full: a third repair of it may end in a replacement, no longer in a refund
    ProcessInstance third = started("customerId", customer);
    assertThat(third).isWaitingAt(AWAIT_REMEDY_CHOICE);
    TestHttp.Response refused = post(third.getBusinessKey(), "remedy", "{\"choice\":\"REFUND\"}");
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body()).contains("more than may still be paid back", "Choose a replacement");
    assertThat(third).isWaitingAt(AWAIT_REMEDY_CHOICE);
  }

  @Test
  void consumablesAreNotRepaired() {
    String caseId = flow.open(repair("productCategory", "CONSUMABLE"));
    // ended within the opening request, its notice queued with it: the send task is no job any more (issue 21)
    assertThat(instance(caseId)).isNull();
    flow.runDueJobs();
    String ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(RepairProcess.KEY).singleResult().getId();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(ended).list())
        .extracting(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId)
        .contains(NOTIFY_NOT_REPAIRABLE, END_NOT_REPAIRABLE);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("We e-mailed you"));
  }

  @Test
  void theCustomerBooksASlotAndHandsTheProductIn() {
    ProcessInstance pi = started("returnMethod", "SELF_SHIP");
    String caseId = pi.getBusinessKey();
    assertThat(pi).isWaitingAt(AWAIT_APPOINTMENT);
    ZonedDateTime tomorrow = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(1).withHour(10)
        .truncatedTo(ChronoUnit.HOURS);
    assertThat(appointment(caseId, tomorrow.minusDays(3).toOffsetDateTime().toString()).status()).isEqualTo(400);
    assertThat(appointment(caseId, tomorrow.withMinute(30).toOffsetDateTime().toString()).status()).isEqualTo(400);
    assertThat(appointment(caseId, tomorrow.withHour(22).toOffsetDateTime().toString()).status()).isEqualTo(400);
    assertThat(appointment(caseId, "next tuesday").status()).isEqualTo(400);
    TestHttp.Response booked = appointment(caseId, tomorrow.toOffsetDateTime().toString());
    assertThat(booked.status()).as(booked.body()).isEqualTo(200);
    assertThat(appointment(caseId, tomorrow.plusHours(1).toOffsetDateTime().toString()).status()).isEqualTo(409);
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(REGISTER_DROP_OFF);
    assertThat(task(pi)).hasCandidateGroup("technicians");
    complete(task(pi), withVariables("productReceived", true));
    assertThat(pi).isWaitingAt(DIAGNOSE);
  }

  @Test
  void aFaultyProductNoCourierCanCollectIsHandedInBeforeTheRefund() {
    String customer = "C-REP-" + UUID.randomUUID().toString().substring(0, 6);
    ProcessInstance firstPi = started("customerId", customer);
    atDiagnosis(firstPi.getBusinessKey(), firstPi);
    diagnose(firstPi, "QUALITY_DEFECT", 0);
    repairWith(firstPi, "", 1);
    qualityCheck(firstPi, true);
    flow.runDueJobs();
    assertThat(firstPi).isEnded();
    // the same fault again, now at an address no courier serves
    ProcessInstance pi = started("customerId", customer, "contact", Map.of("name", "Anna", "email", "anna@example.com",
        "address", Map.of("line1", "1 Rue de Rivoli", "city", "Paris", "country", "FR")));
    String caseId = pi.getBusinessKey();
    assertThat(post(caseId, "remedy", "{\"choice\":\"REFUND\"}").status()).isEqualTo(200);
    flow.runDueJobs();
    assertThat(pi).hasPassed(COLLECTION_NOT_POSSIBLE).hasNotPassed(PAY_REFUND).isWaitingAt(REGISTER_HAND_IN);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_refund WHERE case_id = ?", Integer.class, caseId)).isZero();
    assertThat(task(pi)).hasCandidateGroup("technicians");
    complete(task(pi), withVariables(Var.PRODUCT_RECEIVED, true, Var.RECEIPT_NOTES, "Handed in at the counter"));
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(PAY_REFUND);
    assertThat(flow.timeline(caseId)).contains("You handed in the product");
  }

  @Test
  void aCourierThatCannotCollectLetsTheCustomerBookADropOff() {
    ProcessInstance pi = started("contact", Map.of("name", "Anna", "email", "anna@example.com",
        "address", Map.of("line1", "1 Rue de Rivoli", "city", "Paris", "country", "FR")));
    assertThat(pi).hasPassed("BoundaryEvent_PickupNotPossible").hasNotPassed(AWAIT_PRODUCT).isWaitingAt(AWAIT_APPOINTMENT);
    assertThat(flow.timeline(pi.getBusinessKey())).anyMatch(e -> e.contains("cannot collect at your address"));
  }

  @Test
  void noAppointmentWithinTheLimitClosesTheCase() {
    ProcessInstance pi = started("returnMethod", "SELF_SHIP");
    String caseId = pi.getBusinessKey();
    flow.fireTimer(caseId, APPOINTMENT_OVERDUE);
    assertClosed(pi, "EXPIRED");
  }

  @Test
  void answersNobodyAskedForAreRefused() {
    String caseId = flow.open(repair());
    flow.runDueJobs();
    assertThat(post(caseId, "quote-answer", "{\"accept\":true}").status()).isEqualTo(409);
    assertThat(post(caseId, "self-repair-answer", "{\"fixed\":true}").status()).isEqualTo(409);
    assertThat(post(caseId, "remedy", "{\"choice\":\"REFUND\"}").status()).isEqualTo(409);
    assertThat(post(caseId, "appointment", "{\"slotStart\":\"" + OffsetDateTime.now().plusDays(1) + "\"}").status()).isEqualTo(409);
    assertThat(post("AS-20260101-NOPE00", "quote-answer", "{\"accept\":true}").status()).isEqualTo(404);
    assertThat(post(caseId, "quote-answer", "{\"accept\":\"yes please\"}").status()).isEqualTo(400);
    assertThat(instance(caseId)).isWaitingAt(AWAIT_PRODUCT);
  }

  private ProcessInstance started(Object... overrides) {
    ProcessInstance pi = instance(flow.open(repair(overrides)));
    flow.runDueJobs();
    return pi;
  }

  private void assertClosed(ProcessInstance pi, String outcome) {
    assertThat(pi).isEnded();
    assertThat(flow.view(pi.getBusinessKey()).get("outcome").asText()).isEqualTo(outcome);
  }

  private ProcessInstance atQuote() {
    ProcessInstance pi = started("deliveredAt", OffsetDateTime.now().minusMonths(14).withNano(0).toString());
    String caseId = pi.getBusinessKey();
    atDiagnosis(caseId, pi);
    diagnose(pi, "QUALITY_DEFECT", 350);
    flow.runDueJobs();
    assertThat(pi).isWaitingAt(RECORD_QUOTE_ANSWER);
    return pi;
  }

  private void atDiagnosis(String caseId, ProcessInstance pi) {
    String tn = (String) flow.variable(caseId, ReturnProcess.Var.TRACKING_NUMBER);
    assertThat(flow.parcelEvent(tn, "DELIVERED").status()).isEqualTo(200);
    assertThat(pi).isWaitingAt(DIAGNOSE);
    assertThat(task(pi)).hasCandidateGroup("technicians");
  }

  private void diagnose(ProcessInstance pi, String cause, int quote) {
    complete(task(pi), withVariables(Var.FAULT_FOUND, true, Var.DIAGNOSED_CAUSE, cause, Var.QUOTE_AMOUNT, quote,
        Var.ESTIMATED_DAYS, 3));
  }

  private void repairWith(ProcessInstance pi, String parts, double hours) {
    complete(task(pi), withVariables(Var.PARTS_USED, parts, Var.LABOUR_HOURS, hours));
  }

  private void qualityCheck(ProcessInstance pi, boolean passed) {
    assertThat(pi).isWaitingAt(QUALITY_CHECK);
    assertThat(task(pi)).hasCandidateGroup("inspectors");
    complete(task(pi), withVariables(Var.QC_PASSED, passed));
  }

  private TestHttp.Response appointment(String caseId, String slotStart) {
    return post(caseId, "appointment", "{\"slotStart\":\"" + slotStart + "\"}");
  }

  private TestHttp.Response post(String caseId, String what, String body) {
    return flow.http().postJson("/api/cases/" + caseId + "/" + what, "shop", body);
  }
}
