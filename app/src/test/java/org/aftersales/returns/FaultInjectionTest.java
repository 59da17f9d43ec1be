package org.aftersales.returns;

import static org.aftersales.returns.RefundProcess.Element.REQUEST_REFUND;
import static org.aftersales.returns.ReturnProcess.Element.BOOK_PICKUP;
import static org.aftersales.returns.ReturnProcess.Element.INSPECT;
import static org.aftersales.returns.ReturnProcess.Element.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.logistics.simulator.CarrierSimulator;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Faults injected through the carrier and payment simulators while whole return cases run on their own
 * (HTTP API, job executor, real HTTP clients, simulators calling back): 500s, answers slower than the
 * client waits, a refund the provider made whose answer was lost, and an outage that outlasts every retry.
 * Each case ends where it should, with one booking and one refund at the outside system; where a person
 * must act there is an incident, and the retry a supervisor gives it in Cockpit lets the case go on.
 *
 * <p>The clients here wait 1 s for an answer and try twice per job run; a failed job runs again after 1 s,
 * twice, before it becomes an incident (production: 10 s, 3 tries, R3/PT5M).
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "aftersales.simulators.carrier.step-delay=PT0.2S",
    "aftersales.simulators.payment.settle-delay=PT0.2S",
    "aftersales.simulators.carrier.callback-backoff=PT0.2S",
    "aftersales.simulators.payment.callback-backoff=PT0.2S",
    // a result that overtakes a failed job run is called back until the flow waits for it (9 s here)
    "aftersales.simulators.carrier.callback-attempts=10",
    "aftersales.simulators.payment.callback-attempts=10",
    "aftersales.carrier.read-timeout=PT1S",
    "aftersales.carrier.max-attempts=2",
    "aftersales.carrier.backoff=PT0.1S",
    "aftersales.payment.read-timeout=PT1S",
    "aftersales.payment.max-attempts=2",
    "aftersales.payment.backoff=PT0.1S",
    "aftersales.returns.job-retry-cycle=R2/PT1S"})
class FaultInjectionTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PASSED = "{\"inspectionPassed\":{\"value\":true},\"inspectionCondition\":{\"value\":\"NEW\"}}";
  private static final String APPROVE = "{\"reviewDecision\":{\"value\":\"APPROVE\"}}";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PaymentSimulator payments;
  @Autowired CarrierSimulator carrier;
  @Autowired org.aftersales.notification.NotificationStore notifications;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  @AfterEach
  void clearFaults() {
    assertThat(http.send("DELETE", "/simulators/carrier/faults", "shop", null, null, Map.of()).status()).isEqualTo(204);
    assertThat(http.send("DELETE", "/simulators/payment/faults", "shop", null, null, Map.of()).status()).isEqualTo(204);
  }

  @Test
  void carrierErrorsAndATimedOutBookingEndInOnePickup() {
    String caseId = flow.open(Map.of());
    // two 500s (both tries of the first job run), then an answer slower than the client waits
    injectCarrier("{\"errorNext\":2,\"slowNext\":1,\"slowMillis\":2500}");
    flow.decide(caseId, "agent", REVIEW, APPROVE, PATIENCE);
    flow.decide(caseId, "inspector", INSPECT, PASSED, PATIENCE);

    assertRefundedOnce(caseId, awaitClosed(caseId));
    assertThat(carrier.parcels(caseId)).as("one pickup, however often it was asked for").hasSize(1);
    assertThat(failures(caseId, BOOK_PICKUP)).as("the first job run failed and was retried").isNotEmpty();
  }

  @Test
  void aRefundMadeWhoseAnswerWasLostIsPaidOnce() {
    String caseId = atInspection();
    // the provider takes the refund and both answers of the first job run are lost; the next run asks again
    // with the same refund id and is answered with the refund already made
    injectPayment("{\"answerLostNext\":2}");
    flow.decide(caseId, "inspector", INSPECT, PASSED, PATIENCE);

    assertRefundedOnce(caseId, awaitClosed(caseId));
    assertThat(failures(caseId, REQUEST_REFUND)).as("the job run whose answers were lost failed").isNotEmpty();
    assertThat(flow.timeline(caseId)).containsOnlyOnce("Refund of 2999.00 CNY paid");
  }

  @Test
  void aRefundAnsweredAfterTheClientGaveUpIsPaidOnce() {
    String caseId = atInspection();
    // the first request waits 2.5 s and is then carried out; the client has given up after 1 s and asked again
    injectPayment("{\"slowNext\":1,\"slowMillis\":2500}");
    flow.decide(caseId, "inspector", INSPECT, PASSED, PATIENCE);
    assertRefundedOnce(caseId, awaitClosed(caseId));
  }

  @Test
  void anOutageBeyondEveryRetryIsAnIncidentThatASupervisorRetriesInCockpit() {
    String caseId = atInspection();
    injectPayment("{\"unavailableNext\":1000}");
    flow.decide(caseId, "inspector", INSPECT, PASSED, PATIENCE);

    String refundInstance = await().atMost(PATIENCE).until(() -> flow.refundInstance(caseId), i -> i != null).getId();
    Incident incident = await().atMost(PATIENCE).until(() -> engine.getRuntimeService().createIncidentQuery()
        .processInstanceId(refundInstance).singleResult(), i -> i != null);
    assertThat(incident.getActivityId()).isEqualTo(REQUEST_REFUND);
    assertThat(incident.getIncidentMessage()).containsIgnoringCase("unavailable");
    // managers see it in Cockpit, the case waits, nothing was paid
    TestHttp.Response seen = http.get("/engine-rest/incident?processInstanceId=" + refundInstance, "manager");
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body()).contains(incident.getId());
    assertThat(flow.view(caseId).get("status").asText()).isNotEqualTo("CLOSED");
    assertThat(payments.totalSucceeded(caseId)).isZero();
    // a manager only looks; the provider is back and a supervisor logged in to Cockpit retries the job there
    String retry = "/engine-rest/job/" + incident.getConfiguration() + "/retries";
    assertThat(http.send("PUT", retry, "manager", "application/json", "{\"retries\":1}", Map.of()).status()).isEqualTo(403);
    clearFaults();
    TestHttp cockpit = TestHttp.browser(port);
    assertThat(cockpit.logIn("supervisor", "cockpit").status()).isEqualTo(200);
    cockpit.get("/camunda/api/engine/engine/default/incident/count", null); // the webapp's first GET fetches its CSRF token
    TestHttp.Response retried = cockpit.send("PUT", "/camunda/api/engine/engine/default/job/" + incident.getConfiguration()
        + "/retries", null, "application/json", "{\"retries\":1}", Map.of("X-XSRF-TOKEN", cockpit.cookie("XSRF-TOKEN")));
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);

    assertRefundedOnce(caseId, awaitClosed(caseId));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(refundInstance).count()).isZero();
  }

  @Test
  void repeatedCallbacksAfterTheCaseClosedChangeNothing() {
    String caseId = atInspection();
    flow.decide(caseId, "inspector", INSPECT, PASSED, PATIENCE);
    JsonNode done = awaitClosed(caseId);
    // the last mail's timeline entry is written when the relay has sent it, after the case closed
    await().atMost(PATIENCE).until(() -> notifications.pendingFor(caseId).isEmpty());
    int timeline = flow.timeline(caseId).size();
    String trackingNumber = carrier.parcels(caseId).get(0).trackingNumber();

    // the provider and the carrier send their last callbacks again, the same events: counted once
    assertThat(http.postJson("/simulators/payment/refunds/" + caseId + "-R1/callbacks/resend", "shop", "").status())
        .isEqualTo(200);
    assertThat(http.postJson("/simulators/carrier/parcels/" + trackingNumber + "/callbacks/resend", "shop", "").status())
        .isEqualTo(200);
    // a late, older parcel event for the closed case
    TestHttp.Response late = flow.parcelEvent(trackingNumber, "IN_TRANSIT");
    assertThat(late.status()).as(late.body()).isEqualTo(200);
    assertThat(ReturnFlowDriver.read(late).get("effect").asText()).isIn("IGNORED_CASE_CLOSED", "IGNORED_OUT_OF_ORDER", "ALREADY_APPLIED");

    await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> flow.timeline(caseId).size() == timeline);
    JsonNode after = flow.view(caseId);
    assertThat(after.get("refundedAmount").asText()).isEqualTo(done.get("refundedAmount").asText());
    assertThat(after.get("status").asText()).isEqualTo("CLOSED");
    assertThat(payments.refunds(caseId)).hasSize(1);
  }

  /** A case opened and approved whose parcel has reached the warehouse: its inspection is open. */
  private String atInspection() {
    String caseId = flow.open(Map.of());
    flow.decide(caseId, "agent", REVIEW, APPROVE, PATIENCE);
    await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey(INSPECT).count() == 1);
    return caseId;
  }

  private void injectCarrier(String faults) {
    TestHttp.Response response = http.postJson("/simulators/carrier/faults", "shop", faults);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private void injectPayment(String faults) {
    TestHttp.Response response = http.postJson("/simulators/payment/faults", "shop", faults);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private JsonNode awaitClosed(String caseId) {
    return await().atMost(PATIENCE).until(() -> flow.view(caseId), v -> "CLOSED".equals(v.get("status").asText()));
  }

  /** The case closed refunded in full, with one refund at the provider. */
  private void assertRefundedOnce(String caseId, JsonNode done) {
    assertThat(done.get("outcome").asText()).isEqualTo("REFUNDED");
    assertThat(done.get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(payments.refunds(caseId)).as("one refund at the provider").hasSize(1);
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo("2999.00");
  }

  /** The failed runs of the case's jobs on an activity, from the job log (history). */
  private List<String> failures(String caseId, String activityId) {
    HistoryService history = engine.getHistoryService();
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
        .flatMap(pi -> history.createHistoricJobLogQuery().processInstanceId(pi.getId()).activityIdIn(activityId)
            .failureLog().list().stream())
        .map(log -> log.getJobExceptionMessage()).toList();
  }
}
