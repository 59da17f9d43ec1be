package org.aftersales.payment;

import static org.aftersales.returns.RefundProcess.Element.AWAIT_REFUND;
import static org.aftersales.returns.RefundProcess.Element.REQUEST_REFUND;
import static org.aftersales.returns.ReturnProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.payment.PaymentDiscrepancies.Kind;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The money attacks of issue 15, on whichever database the subclass runs: a forged failure of a pending refund
 * (from the shop, and signed by the provider's own login but contradicting its record) moves no money and issues no
 * second refund; a failure recorded wrongly is not believed when a new refund id would be issued, and the genuine
 * success that follows is reconciled and raised for finance; reconciliation then shows no difference for these
 * cases, and finds a difference planted in the provider's book. The job executor is off: jobs run when the test says.
 */
abstract class MoneyAttacks {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PaymentSimulator payments;
  @Autowired RefundLedger ledger;
  @Autowired ChargeLedger charges;
  @Autowired PaymentDiscrepancies discrepancies;
  @Autowired Reconciliation reconciliation;
  @Autowired JdbcTemplate jdbc;
  ReturnFlowDriver flow;
  TestHttp http;
  Instant started;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    started = ClockUtil.getCurrentTime().toInstant().minusSeconds(60);
  }

  @Test
  void aForgedFailureOfAPendingRefundMovesNoMoney() {
    String caseId = atRefund();
    String r1 = caseId + "-R1";
    String failed = "{\"eventId\":\"forged-" + UUID.randomUUID() + "\",\"refundId\":\"" + r1
        + "\",\"status\":\"FAILED\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";

    // the shop is no payment provider, whatever it signs
    TestHttp.Response asShop = http.send("POST", "/api/events/payments", "shop", "application/json", failed,
        TestCallbacks.signature(TestCallbacks.PAYMENT, failed));
    assertProblem(asShop, 403, "not in a group");
    // the provider's own login and secret, but its record says the refund is still pending: not believed
    TestHttp.Response contradicting = TestCallbacks.post(http, "/api/events/payments", failed);
    assertProblem(contradicting, 409, "provider's record");
    assertThat(ledger.find(r1).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(discrepancies.ofPayment(r1)).extracting(PaymentDiscrepancies.Discrepancy::kind)
        .containsExactly(Kind.CALLBACK_CONTRADICTS_PROVIDER);
    assertThat(financeTasks(r1)).isEqualTo(1);
    flow.runDueJobs();
    assertThat(payments.refunds(caseId)).hasSize(1);

    // the genuine result, called back by the provider itself (signed)
    payments.settle(r1, "SUCCEEDED", null);
    await().atMost(PATIENCE).until(() -> ledger.find(r1).orElseThrow().status() == PaymentStatus.SUCCEEDED);
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo("2999.00");
    assertThat(differencesOf(caseId)).isEmpty();
  }

  @Test
  void aWrongFailureIsNotBelievedBeforeANewRefundAndTheLateSuccessIsReconciled() {
    String caseId = atRefund();
    String r1 = caseId + "-R1";
    // the raced state an earlier release reached: our ledger says R1 failed while the provider still pays it
    jdbc.update("UPDATE as_refund SET status = 'FAILED', failure_reason = 'forged' WHERE refund_id = ?", r1);
    // the refund is requested again: the provider is asked about R1 first (pending), so no R2 is issued
    ProcessInstance refund = flow.refundInstance(caseId);
    engine.getRuntimeService().createProcessInstanceModification(refund.getId())
        .startBeforeActivity(REQUEST_REFUND).cancelAllForActivity(AWAIT_REFUND).execute();
    flow.runDueJobs();
    assertThat(payments.refunds(caseId)).extracting(PaymentSimulator.SimulatedRefund::refundId).containsExactly(r1);

    // the provider pays R1: the genuine success after a recorded failure is reconciled, once, and finance is told
    payments.settle(r1, "SUCCEEDED", null);
    await().atMost(PATIENCE).until(() -> ledger.find(r1).orElseThrow().status() == PaymentStatus.SUCCEEDED);
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(discrepancies.ofPayment(r1)).extracting(PaymentDiscrepancies.Discrepancy::kind)
        .containsExactly(Kind.PAID_AFTER_RECORDED_FAILURE);
    assertThat(financeTasks(r1)).isEqualTo(1);
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo("2999.00");
    assertThat(differencesOf(caseId)).isEmpty();
  }

  @Test
  void aRefundPaidWhileNoCallbackCameIsTakenFromTheProvider() {
    String caseId = atRefund();
    String r1 = caseId + "-R1";
    // the provider paid while we were down: no callback ever arrives
    payments.settle(r1, "SUCCEEDED", null, false);
    assertThat(checkOverdue()).isPositive();
    flow.runDueJobs();
    assertThat(ledger.find(r1).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(differencesOf(caseId)).isEmpty();
  }

  @Test
  void aDifferencePlantedInTheProvidersBookIsFound() {
    String planted = "AS-PLANTED-" + UUID.randomUUID().toString().substring(0, 8);
    String refundId = planted + "-R1";
    payments.create(refundId, refundId, planted, "O-PLANTED", new BigDecimal("10.00"), "CNY");
    payments.settle(refundId, "SUCCEEDED", null, false);

    String period = "?from=" + started.atOffset(java.time.ZoneOffset.UTC) + "&to="
        + ClockUtil.getCurrentTime().toInstant().plusSeconds(60).atOffset(java.time.ZoneOffset.UTC);
    assertProblem(http.get("/api/finance/reconciliation" + period, "shop"), 403, "not in a group");
    TestHttp.Response report = http.get("/api/finance/reconciliation" + period.replace("+", "%2B"), finance());
    assertThat(report.status()).as(report.body()).isEqualTo(200);
    assertThat(ReturnFlowDriver.read(report).get("report").get("differences").findValuesAsText("id")).contains(refundId);
    assertThat(differencesOf(planted)).extracting(Reconciliation.Line::difference)
        .containsExactly(Reconciliation.Difference.PAID_NOT_RECORDED);

    TestHttp.Response raised = http.postJson("/api/finance/reconciliation/raise", finance(), "");
    assertThat(raised.status()).as(raised.body()).isEqualTo(200);
    assertThat(financeTasks(refundId)).isEqualTo(1);
    // raised once: a second run adds nothing for it
    http.postJson("/api/finance/reconciliation/raise", finance(), "");
    assertThat(financeTasks(refundId)).isEqualTo(1);
  }

  @Test
  void anAdministratorRecordsACarrierWhoseSecretRotatesWithTwoValidAtOnce() {
    String id = "carrier" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String[] secrets = {"first-secret-" + "a".repeat(30), "second-secret-" + "b".repeat(30), "third-secret-" + "c".repeat(30)};
    String party = "{\"partyId\":\"" + id + "\",\"kind\":\"CARRIER\",\"userId\":\"" + id + "\",\"password\":\""
        + id + "\",\"name\":\"Second carrier\",\"secret\":\"" + secrets[0] + "\"}";
    assertProblem(http.postJson("/api/admin/parties", "shop", party), 403, "not in a group");
    assertProblem(http.postJson("/api/admin/parties", admin(), party.replace("CARRIER", "COURIER")), 400, "kind");
    assertProblem(http.postJson("/api/admin/parties", admin(), party.replace(",\"secret\":\"" + secrets[0] + "\"", "")),
        400, "secret");
    TestHttp.Response created = http.postJson("/api/admin/parties", admin(), party);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertProblem(http.postJson("/api/admin/parties", admin(), party), 409, "exists already");

    // an unknown parcel: let in (404) when signed with a valid secret, 401 otherwise
    assertThat(parcelEventSignedWith(id, secrets[0]).status()).isEqualTo(404);
    assertThat(http.postJson("/api/admin/parties/" + id + "/secrets", admin(), "{\"secret\":\"" + secrets[1] + "\"}")
        .status()).isEqualTo(200);
    assertThat(parcelEventSignedWith(id, secrets[0]).status()).isEqualTo(404);
    assertThat(parcelEventSignedWith(id, secrets[1]).status()).isEqualTo(404);
    http.postJson("/api/admin/parties/" + id + "/secrets", admin(), "{\"secret\":\"" + secrets[2] + "\"}");
    assertProblem(parcelEventSignedWith(id, secrets[0]), 401, "HMAC-SHA256");
    assertThat(parcelEventSignedWith(id, secrets[1]).status()).isEqualTo(404);
    assertThat(parcelEventSignedWith(id, secrets[2]).status()).isEqualTo(404);
    TestHttp.Response retired = http.postJson("/api/admin/parties/" + id + "/secrets/retire-older", admin(), "");
    assertThat(retired.body()).contains("\"validSecrets\":1").doesNotContain(secrets[2]);
    assertProblem(parcelEventSignedWith(id, secrets[1]), 401, "HMAC-SHA256");
    assertThat(parcelEventSignedWith(id, secrets[2]).status()).isEqualTo(404);
    // the new carrier is no payment provider
    assertProblem(http.postJson("/api/events/payments", id + ":" + id, "{}"), 403, "not in a group");
  }

  @Test
  void anotherCarrierOrProviderActsOnNothingOfOurs() {
    String caseId = approved();
    String tracking = (String) flow.variable(caseId, Var.TRACKING_NUMBER);
    String otherCarrier = recordParty("CARRIER");
    String delivered = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"trackingNumber\":\"" + tracking
        + "\",\"caseId\":\"" + caseId + "\",\"status\":\"DELIVERED\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
    var before = flow.view(caseId);

    // signed correctly by a carrier, but not the one the parcel was booked with: as if the parcel were unknown
    TestHttp.Response foreign = signedBy(otherCarrier, "/api/events/parcels", delivered);
    assertProblem(foreign, 404, "No parcel with tracking number " + tracking);
    assertThat(foreign.body()).doesNotContain(caseId);
    assertThat(jdbc.queryForObject("SELECT status FROM as_parcel WHERE tracking_number = ?", String.class, tracking))
        .isNotEqualTo("DELIVERED");
    assertThat(flow.view(caseId).get("timeline")).isEqualTo(before.get("timeline"));
    // the carrier it was booked with still moves it
    assertThat(flow.parcelEvent(tracking, "DELIVERED").body()).contains("APPLIED");
    passInspection(caseId);

    // another payment provider's word on our refund (or charge) counts for nothing, and raises nothing
    String r1 = caseId + "-R1";
    String otherProvider = recordParty("PAYMENT_PROVIDER");
    String failed = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"refundId\":\"" + r1
        + "\",\"status\":\"FAILED\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
    assertProblem(signedBy(otherProvider, "/api/events/payments", failed), 404, "No refund with this id");
    charges.reserve(caseId, caseId + "-C1", new BigDecimal("50.00"), "CNY", new BigDecimal("50.00"));
    assertProblem(signedBy(otherProvider, "/api/events/payments", failed.replace("\"refundId\":\"" + r1,
        "\"chargeId\":\"" + caseId + "-C1")), 404, "No charge with this id");
    assertThat(ledger.find(r1).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(charges.find(caseId + "-C1").orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(discrepancies.ofPayment(r1)).isEmpty();
    assertThat(financeTasks(r1)).isZero();
    // the provider it was asked of still settles it
    payments.settle(r1, "SUCCEEDED", null);
    await().atMost(PATIENCE).until(() -> ledger.find(r1).orElseThrow().status() == PaymentStatus.SUCCEEDED);
    flow.runDueJobs();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
  }

  /** Records a party of {@code kind} through the admin API, its user and password its id; returns its id. */
  private String recordParty(String kind) {
    String id = kind.toLowerCase().replace("_", "") + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    TestHttp.Response created = http.postJson("/api/admin/parties", admin(), "{\"partyId\":\"" + id + "\",\"kind\":\""
        + kind + "\",\"userId\":\"" + id + "\",\"password\":\"" + id + "\",\"name\":\"Another " + kind
        + "\",\"secret\":\"" + secretOf(id) + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return id;
  }

  private static String secretOf(String partyId) {
    return partyId + "-signing-secret-" + "s".repeat(24);
  }

  /** A callback sent by a party recorded with {@link #recordParty}, signed with its secret. */
  private TestHttp.Response signedBy(String partyId, String path, String body) {
    return http.send("POST", path, partyId + ":" + partyId, "application/json", body,
        TestCallbacks.signature(secretOf(partyId), ClockUtil.getCurrentTime().toInstant().getEpochSecond(), body));
  }

  private TestHttp.Response parcelEventSignedWith(String user, String secret) {
    String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"trackingNumber\":\"ZZ0000000002\",\"status\":"
        + "\"DELIVERED\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
    return http.send("POST", "/api/events/parcels", user + ":" + user, "application/json", body,
        TestCallbacks.signature(secret, ClockUtil.getCurrentTime().toInstant().getEpochSecond(), body));
  }

  /** The credentials of an administrator on this database. */
  protected abstract String admin();

  /** The credentials of a finance user on this database. */
  protected abstract String finance();

  /** Runs the overdue check now, as on start and on its schedule, for refunds pending at least a moment. */
  protected abstract int checkOverdue();

  private List<Reconciliation.Line> differencesOf(String caseId) {
    return reconciliation.compare(started, ClockUtil.getCurrentTime().toInstant().plusSeconds(60)).differences().stream()
        .filter(line -> caseId.equals(line.caseId())).toList();
  }

  private long financeTasks(String paymentId) {
    return engine.getTaskService().createTaskQuery().taskCandidateGroup("finance")
        .taskNameLike("Payment discrepancy: check " + paymentId + " %").count();
  }

  private String atRefund() {
    String caseId = approved();
    flow.parcelEvent((String) flow.variable(caseId, Var.TRACKING_NUMBER), "DELIVERED");
    passInspection(caseId);
    return caseId;
  }

  /** A return approved, its pickup booked with the carrier. */
  private String approved() {
    String caseId = flow.open(Map.of());
    complete(task(flow.instance(caseId)), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    return caseId;
  }

  /** The returned goods pass inspection: the refund is asked of the provider and awaited. */
  private void passInspection(String caseId) {
    complete(task(flow.instance(caseId)), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(flow.refundInstance(caseId))
        .isWaitingAt(AWAIT_REFUND);
  }

  private static void assertProblem(TestHttp.Response response, int status, String mentions) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(mentions);
  }
}
