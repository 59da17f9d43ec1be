package org.aftersales.metrics;

import static org.aftersales.returns.ReturnFlowDriver.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The business metrics as Prometheus scrapes them from {@code /actuator/prometheus}: cases driven through the API
 * and the simulated payment provider, counted once with their type, outcome, SLA breaches and refunds, and the
 * open and overdue tasks of a group. The application is shared with other test classes, so each test compares a
 * scrape after with one before, on case types the other tests leave alone meanwhile.
 */
@AfterSalesIntegrationTest
class BusinessMetricsTest {

  static final String OPENED = "aftersales_cases_opened_total";
  static final String CLOSED = "aftersales_cases_closed_total";
  static final String BREACHES = "aftersales_sla_breaches_total";
  static final String REFUNDS_PAID = "aftersales_refunds_paid_total";
  static final String REFUNDED_AMOUNT = "aftersales_refunds_paid_amount_sum";
  static final String REFUNDS_FAILED = "aftersales_refunds_failed_total";
  static final String TASKS_OPEN = "aftersales_tasks_open";
  static final String TASKS_OVERDUE = "aftersales_tasks_overdue";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;
  ReturnFlowDriver flow;

  @BeforeEach
  void driveCasesLikeTheOutsideWorld() {
    flow = new ReturnFlowDriver(port, engine);
  }

  @Test
  void aCaseCountsOnceWhenOpenedAndOnceWhenClosedWithItsTypeAndOutcome() {
    PrometheusScrape before = scrape();
    String request = ReturnFlowDriver.request(with("type", "EXCHANGE"));
    Map<String, String> key = Map.of("Idempotency-Key", "metrics-" + UUID.randomUUID());
    TestHttp.Response opened = flow.http().send("POST", "/api/cases", "shop", "application/json", request, key);
    TestHttp.Response replayed = flow.http().send("POST", "/api/cases", "shop", "application/json", request, key);
    TestHttp.Response refused = flow.http().postJson("/api/cases", "shop",
        ReturnFlowDriver.request(with("type", "EXCHANGE", "paidAmount", "-1.00")));
    String caseId = ReturnFlowDriver.read(opened).get("caseId").asText();
    TestHttp.Response cancelled = cancel(caseId);

    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(ReturnFlowDriver.read(cancelled).get("outcome").asText()).as(cancelled.body()).isEqualTo("CANCELLED");
    PrometheusScrape after = scrape();
    assertThat(after.since(before, OPENED, "type", "EXCHANGE")).isEqualTo(1);
    assertThat(after.since(before, CLOSED, "type", "EXCHANGE", "outcome", "CANCELLED")).isEqualTo(1);
    assertThat(after.since(before, CLOSED, "type", "EXCHANGE")).isEqualTo(1);
    // withdrawn at once: nothing was late
    assertThat(after.since(before, BREACHES, "type", "EXCHANGE")).isZero();
  }

  @Test
  void requestsAreTimedWithoutAnObservationPerSecurityFilter() {
    // issue 21: Spring Security's observations (one per filter, authentication and authorization on every request)
    // were about 2 % of the application's CPU; the request as a whole is still timed
    scrape();
    PrometheusScrape scrape = scrape();

    assertThat(scrape.has("http_server_requests_seconds_count", "uri", "/actuator/prometheus")).isTrue();
    assertThat(scrape.has("spring_security_filterchains_seconds_count")).isFalse();
    assertThat(scrape.has("spring_security_authorizations_seconds_count")).isFalse();
    assertThat(scrape.has("spring_security_http_secured_requests_seconds_count")).isFalse();
  }

  @Test
  void everyCaseTypeHasItsSeriesFromTheStart() {
    PrometheusScrape scrape = scrape();

    for (String type : List.of("RETURN", "REFUND_ONLY", "EXCHANGE", "RESHIP", "REPAIR", "COMPLAINT")) {
      assertThat(scrape.has(OPENED, "type", type, "application", "aftersales")).as(type).isTrue();
      assertThat(scrape.has(BREACHES, "type", type, "kind", "first_response")).as(type).isTrue();
      assertThat(scrape.has(BREACHES, "type", type, "kind", "resolution")).as(type).isTrue();
    }
  }

  @Test
  void aCaseClosedAfterItsTargetsCountsAsLateFirstResponseAndResolution() {
    PrometheusScrape before = scrape();
    String caseId = flow.open(with("type", "RETURN"));
    // opened eight days ago and never answered: past 24 hours to the first response and 7 days to resolve
    jdbc.update("UPDATE as_case SET opened_at = ? WHERE case_id = ?",
        Timestamp.from(clock.instant().minus(Duration.ofDays(8))), caseId);

    assertThat(cancel(caseId).status()).isEqualTo(200);

    PrometheusScrape after = scrape();
    assertThat(after.since(before, CLOSED, "type", "RETURN", "outcome", "CANCELLED")).isEqualTo(1);
    assertThat(after.since(before, BREACHES, "type", "RETURN", "kind", "first_response")).isEqualTo(1);
    assertThat(after.since(before, BREACHES, "type", "RETURN", "kind", "resolution")).isEqualTo(1);
  }

  @Test
  void aRefundPaidCountsOnceThoughItsResultIsCalledBackAgain() {
    PrometheusScrape before = scrape();
    // a lost parcel under 1000 is refunded without review; the simulated provider pays and calls back
    String caseId = flow.open(lostParcel());
    await().atMost(PATIENCE).untilAsserted(() -> {
      PrometheusScrape now = scrape();
      assertThat(now.since(before, REFUNDS_PAID, "type", "REFUND_ONLY", "currency", "CNY")).isEqualTo(1);
      assertThat(now.since(before, CLOSED, "type", "REFUND_ONLY", "outcome", "REFUNDED")).isEqualTo(1);
    });
    JsonNode refunded = flow.view(caseId);
    String amount = refunded.get("refundedAmount").asText();

    String eventId = UUID.randomUUID().toString();
    TestHttp.Response again = flow.paymentEvent(eventId, caseId + "-R1", "SUCCEEDED", amount);
    TestHttp.Response repeated = flow.paymentEvent(eventId, caseId + "-R1", "SUCCEEDED", amount);

    assertThat(ReturnFlowDriver.read(again).get("effect").asText()).as(again.body()).isEqualTo("ALREADY_APPLIED");
    assertThat(ReturnFlowDriver.read(repeated).get("effect").asText()).as(repeated.body()).isEqualTo("DUPLICATE");
    PrometheusScrape after = scrape();
    assertThat(after.since(before, OPENED, "type", "REFUND_ONLY")).isEqualTo(1);
    assertThat(after.since(before, REFUNDS_PAID, "type", "REFUND_ONLY", "currency", "CNY")).isEqualTo(1);
    assertThat(after.since(before, REFUNDED_AMOUNT, "type", "REFUND_ONLY", "currency", "CNY"))
        .isEqualTo(Double.parseDouble(amount)).isEqualTo(199.0);
    assertThat(after.since(before, CLOSED, "type", "REFUND_ONLY")).isEqualTo(1);
    assertThat(after.since(before, REFUNDS_FAILED, "type", "REFUND_ONLY")).isZero();
  }

  @Test
  void aRefundTheProviderRefusesCountsAsFailed() {
    PrometheusScrape before = scrape();
    String failNextSettlement = "{\"unavailableNext\":0,\"failNext\":1}";
    assertThat(flow.http().postJson("/simulators/payment/faults", "shop", failNextSettlement).status()).isEqualTo(200);
    try {
      flow.open(lostParcel());
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(scrape()
          .since(before, REFUNDS_FAILED, "type", "REFUND_ONLY", "currency", "CNY")).isEqualTo(1));
    } finally {
      flow.http().send("DELETE", "/simulators/payment/faults", "shop", null, null, Map.of());
    }
    assertThat(scrape().since(before, REFUNDS_PAID, "type", "REFUND_ONLY")).isZero();
  }

  @Test
  void anOpenTaskPastItsDueDateCountsAsOverdueInItsGroupUntilItIsGone() {
    PrometheusScrape before = scrape();
    String caseId = flow.open(with("type", "RETURN"));
    Task review = flow.task(flow.instance(caseId), "Task_ReviewRequest");
    review.setDueDate(Date.from(clock.instant().minus(Duration.ofHours(1))));
    engine.getTaskService().saveTask(review);

    PrometheusScrape overdue = scrape();
    assertThat(overdue.since(before, TASKS_OPEN, "group", "agents")).isEqualTo(1);
    assertThat(overdue.since(before, TASKS_OVERDUE, "group", "agents")).isEqualTo(1);
    assertThat(overdue.since(before, TASKS_OVERDUE, "group", "inspectors")).isZero();

    assertThat(cancel(caseId).status()).isEqualTo(200);
    PrometheusScrape after = scrape();
    assertThat(after.since(before, TASKS_OPEN, "group", "agents")).isZero();
    assertThat(after.since(before, TASKS_OVERDUE, "group", "agents")).isZero();
  }

  private static Map<String, Object> lostParcel() {
    return with("type", "REFUND_ONLY", "reason", "LOST", "deliveredAt", null, "paidAmount", "199.00",
        "items", List.of(Map.of("sku", "CASE-BLUE", "name", "Phone case", "quantity", 1, "unitPrice", "199.00")));
  }

  private TestHttp.Response cancel(String caseId) {
    return flow.http().postJson("/api/cases/" + caseId + "/cancel", "shop", "");
  }

  private PrometheusScrape scrape() {
    return PrometheusScrape.of(flow.http());
  }
}
