package org.aftersales.returns;

import static org.aftersales.returns.RefundProcess.Element.*;
import static org.aftersales.returns.ReturnProcess.Element.*;
import static org.aftersales.returns.ReturnProcess.Var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.payment.RefundGateway;
import org.aftersales.payment.RefundRequest;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Carrier and payment events count once: repeated, late and out-of-order events change nothing and say
 * so; unknown parcels and refunds get 404, contradicting ones 409; a retried refund is paid once.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class OutsideEventsTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PaymentSimulator payments;
  @Autowired RefundGateway gateway;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    init(engine);
    flow = new ReturnFlowDriver(port, engine);
  }

  @Test
  void repeatedLateAndOutOfOrderParcelEventsChangeNothing() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    String tn = (String) flow.variable(caseId, Var.TRACKING_NUMBER);

    assertThat(effect(flow.parcelEvent("ev-1-" + caseId, tn, "IN_TRANSIT"))).isEqualTo("APPLIED");
    assertThat(effect(flow.parcelEvent("ev-1-" + caseId, tn, "IN_TRANSIT"))).isEqualTo("DUPLICATE");
    assertThat(effect(flow.parcelEvent(tn, "IN_TRANSIT"))).isEqualTo("ALREADY_APPLIED");
    assertThat(effect(flow.parcelEvent(tn, "PICKED_UP"))).isEqualTo("IGNORED_OUT_OF_ORDER");
    assertThat(effect(flow.parcelEvent(tn, "DELIVERED"))).isEqualTo("APPLIED");
    assertThat(pi).isWaitingAt(INSPECT);
    int timeline = flow.timeline(caseId).size();

    assertThat(effect(flow.parcelEvent(tn, "DELIVERED"))).isEqualTo("ALREADY_APPLIED");
    TestHttp.Response contradicting = flow.parcelEvent(tn, "LOST");
    assertThat(contradicting.status()).isEqualTo(409);
    assertThat(contradicting.contentType()).startsWith("application/problem+json");
    assertThat(flow.parcelEvent("SF0000000000", "DELIVERED").status()).isEqualTo(404);
    TestHttp.Response wrongCase = TestCallbacks.post(flow.http(), "/api/events/parcels", "{\"eventId\":\"x-" + caseId
        + "\",\"trackingNumber\":\"" + tn + "\",\"caseId\":\"AS-OTHER\",\"status\":\"DELIVERED\",\"occurredAt\":\"2026-11-20T10:00:00+08:00\"}");
    assertThat(wrongCase.status()).isEqualTo(409);
    // a parcel of an open case not known yet (the carrier answered a booking we have not recorded): later, not never
    TestHttp.Response early = TestCallbacks.post(flow.http(), "/api/events/parcels", "{\"eventId\":\"y-" + caseId
        + "\",\"trackingNumber\":\"SF9999999999\",\"caseId\":\"" + caseId + "\",\"status\":\"PICKED_UP\","
        + "\"occurredAt\":\"2026-11-20T10:00:00+08:00\"}");
    assertThat(early.status()).isEqualTo(503);
    assertThat(early.headers().firstValue("Retry-After")).isPresent();
    assertThat(early.contentType()).startsWith("application/problem+json");

    assertThat(flow.timeline(caseId)).hasSize(timeline);
    assertThat(pi).isWaitingAt(INSPECT);
  }

  @Test
  void repeatedAndContradictingRefundResultsPayOnce() {
    String caseId = atRefund(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    String refundId = caseId + "-R1";
    PaymentSimulator.SimulatedRefund settled = payments.settle(refundId, "SUCCEEDED", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(flow.view(caseId).get("status").asText())
        || engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count() > 0);
    flow.runDueJobs();
    assertThat(pi).isEnded();

    PaymentSimulator.Callback sent = payments.resendLastCallback(refundId);
    assertThat(effect(flow.paymentEvent(sent.eventId(), refundId, "SUCCEEDED", "2999.00"))).isEqualTo("DUPLICATE");
    assertThat(effect(flow.paymentEvent(UUID.randomUUID().toString(), refundId, "SUCCEEDED", "2999.00")))
        .isEqualTo("ALREADY_APPLIED");
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), refundId, "FAILED", "2999.00").status()).isEqualTo(409);
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), refundId, "SUCCEEDED", "1.00").status()).isEqualTo(409);
    assertThat(flow.paymentEvent(UUID.randomUUID().toString(), "AS-NOPE-R1", "SUCCEEDED", "1.00").status()).isEqualTo(404);

    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo(settled.amount());
    assertThat(payments.refunds(caseId)).hasSize(1);
  }

  @Test
  void aRefundRetriedAfterOutagesIsPaidOnce() {
    String caseId = atInspection();
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    // the provider is down for longer than the client's own retries: the job fails and will be retried
    payments.unavailableNext(100);
    Job job = engine.getManagementService().createJobQuery().activityId(REQUEST_REFUND).list().stream()
        .filter(j -> j.getProcessInstanceId().equals(flow.refundInstance(caseId).getId())).findFirst().orElseThrow();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("unavailable");
    // back up, with one more 503 that the client's own retry absorbs
    payments.resetFaults();
    payments.unavailableNext(1);
    engine.getManagementService().executeJob(job.getId());
    assertThat(flow.refundInstance(caseId)).isWaitingAt(AWAIT_REFUND);
    assertThat(payments.refunds(caseId)).hasSize(1);
    assertThat(payments.refunds(caseId).get(0).refundId()).isEqualTo(caseId + "-R1");

    // a crash after the provider took the refund: the job runs again with the same refund id
    RefundRequest again = new RefundRequest(caseId + "-R1", caseId, "O-20261111-0001", new BigDecimal("2999.00"),
        "CNY", "After-sales case " + caseId);
    assertThat(gateway.requestRefund(again).providerRefundId())
        .isEqualTo(payments.refunds(caseId).get(0).providerRefundId());
    // and the refund requested once more: the provider is asked about R1 first, which it has not failed, so no
    // second refund id is issued and the case waits for R1
    ProcessInstance refund = flow.refundInstance(caseId);
    engine.getRuntimeService().createProcessInstanceModification(refund.getId())
        .startBeforeActivity(REQUEST_REFUND).cancelAllForActivity(AWAIT_REFUND).execute();
    Job rerun = engine.getManagementService().createJobQuery().processInstanceId(refund.getId()).singleResult();
    engine.getManagementService().executeJob(rerun.getId());
    assertThat(flow.refundInstance(caseId)).isWaitingAt(AWAIT_REFUND);
    assertThat(flow.variable(caseId, Var.REFUND_ID)).isEqualTo(caseId + "-R1");
    assertThat(payments.refunds(caseId)).hasSize(1);
  }

  @Test
  void aCallbackThatOvertakesTheRequestIsRetriedBySender() {
    String caseId = atRefund(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    // the process moves on to check the status itself while the callback has not come yet
    engine.getRuntimeService().createProcessInstanceModification(flow.refundInstance(caseId).getId())
        .startBeforeActivity(CHECK_REFUND_STATUS).cancelAllForActivity(AWAIT_REFUND).execute();
    TestHttp.Response early = flow.paymentEvent(UUID.randomUUID().toString(), caseId + "-R1", "SUCCEEDED", "2999.00");
    assertThat(early.status()).isEqualTo(503);
    assertThat(early.headers().firstValue("Retry-After")).isPresent();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("0.00");
  }

  private String atInspection() {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, Var.TRACKING_NUMBER), "DELIVERED");
    return caseId;
  }

  private String atRefund(Map<String, Object> overrides) {
    String caseId = atInspection();
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.INSPECTION_PASSED, true));
    flow.runDueJobs();
    assertThat(flow.refundInstance(caseId)).isWaitingAt(AWAIT_REFUND);
    return caseId;
  }

  /**
   * An event is claimed before it is applied (issue 21: one statement instead of a look-up and a record): an event
   * that changed nothing is remembered with that effect, one that was refused is not remembered at all, and the same
   * event handed in twice at once counts once.
   */
  @Test
  void anEventIsRememberedWithItsEffectOnlyIfItWasTakenAndCountsOnceWhenSentTwiceAtOnce() throws Exception {
    String caseId = flow.open(Map.of());
    ProcessInstance pi = flow.instance(caseId);
    complete(task(pi), withVariables(Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    String tn = (String) flow.variable(caseId, Var.TRACKING_NUMBER);
    assertThat(effect(flow.parcelEvent(tn, "IN_TRANSIT"))).isEqualTo("APPLIED");

    assertThat(effect(flow.parcelEvent("late-" + caseId, tn, "PICKED_UP"))).isEqualTo("IGNORED_OUT_OF_ORDER");
    TestHttp.Response again = flow.parcelEvent("late-" + caseId, tn, "PICKED_UP");
    assertThat(effect(again)).isEqualTo("DUPLICATE");
    assertThat(ReturnFlowDriver.read(again).get("detail").asText()).contains("IGNORED_OUT_OF_ORDER");

    int timeline = flow.timeline(caseId).size();
    java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = senders.submit(() -> effect(flow.parcelEvent("both-" + caseId, tn, "DELIVERED")));
      var second = senders.submit(() -> effect(flow.parcelEvent("both-" + caseId, tn, "DELIVERED")));
      assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder("APPLIED", "DUPLICATE");
    } finally {
      senders.shutdownNow();
    }
    assertThat(pi).isWaitingAt(INSPECT);
    // one entry: the parcel arrived
    assertThat(flow.timeline(caseId)).hasSize(timeline + 1);

    // refused (a lost parcel that was delivered): nothing remembered, the same event id is taken when it makes sense
    assertThat(flow.parcelEvent("refused-" + caseId, tn, "LOST").status()).isEqualTo(409);
    assertThat(effect(flow.parcelEvent("refused-" + caseId, tn, "DELIVERED"))).isEqualTo("ALREADY_APPLIED");
  }

  private static String effect(TestHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return ReturnFlowDriver.read(response).get("effect").asText();
  }
}
