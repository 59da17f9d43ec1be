package org.aftersales.parties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The attacks of issue 15 that need no money to move, each refused with problem+json and changing nothing: a shop
 * posting the carrier's news, unsigned, badly signed and stale callbacks, and an idempotency key replayed for
 * another customer.
 */
@AfterSalesIntegrationTest
class PartyAttacksTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ParcelRegistry parcels;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  @Test
  void anIdempotencyKeyIsBoundToTheCustomerActedFor() {
    String owner = "C-" + UUID.randomUUID().toString().substring(0, 8);
    String other = "C-" + UUID.randomUUID().toString().substring(0, 8);
    String caseId = flow.open(Map.of("customerId", owner));
    String key = "cancel-" + UUID.randomUUID();

    TestHttp.Response cancelled = http.send("POST", "/api/cases/" + caseId + "/cancel", "shop", null, null,
        Map.of("Idempotency-Key", key, "X-Customer-Id", owner));
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    TestHttp.Response replayed = http.send("POST", "/api/cases/" + caseId + "/cancel", "shop", null, null,
        Map.of("Idempotency-Key", key, "X-Customer-Id", owner));
    assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");

    // the attack: the same key for another customer must not answer with the owner's case
    TestHttp.Response foreign = http.send("POST", "/api/cases/" + caseId + "/cancel", "shop", null, null,
        Map.of("Idempotency-Key", key, "X-Customer-Id", other));
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
    assertThat(foreign.contentType()).startsWith("application/problem+json");
    assertThat(foreign.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(foreign.body()).doesNotContain(owner);
    // nor with another customer's key bound to nobody: a key sent without X-Customer-Id is the shop's own
    TestHttp.Response asShop = http.send("POST", "/api/cases/" + caseId + "/cancel", "shop", null, null,
        Map.of("Idempotency-Key", key));
    assertThat(asShop.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void forgedUnsignedAndStaleParcelEventsChangeNothing() {
    String tracking = "YT" + (1_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 8_999_999_999L));
    String caseId = flow.open(Map.of("returnMethod", "SELF_SHIP"));
    Task review = Awaitility.await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(caseId).taskDefinitionKey(ReturnProcess.Element.REVIEW).singleResult(), t -> t != null);
    engine.getTaskService().complete(review.getId(), Map.of(ReturnProcess.Var.REVIEW_DECISION, "APPROVE"));
    Awaitility.await().atMost(PATIENCE).until(() -> http.postJson("/api/cases/" + caseId + "/return-shipment", "shop",
        "{\"trackingNumber\":\"" + tracking + "\"}").status() == 200);
    Awaitility.await().atMost(PATIENCE).until(() -> parcels.find(tracking).isPresent());
    JsonNode before = flow.view(caseId);

    String lost = "{\"eventId\":\"forged-" + UUID.randomUUID() + "\",\"trackingNumber\":\"" + tracking
        + "\",\"caseId\":\"" + caseId + "\",\"status\":\"LOST\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
    long now = ClockUtil.getCurrentTime().toInstant().getEpochSecond();
    // the shop is no carrier, signed or not
    assertRefused(http.send("POST", "/api/events/parcels", "shop", "application/json", lost,
        TestCallbacks.signature(TestCallbacks.CARRIER, lost)), 403, "not in a group");
    // the carrier's login without a signature, with a wrong one, with another party's secret, or stale
    assertRefused(http.postJson("/api/events/parcels", "carrier", lost), 401, "X-Signature-Timestamp");
    assertRefused(http.send("POST", "/api/events/parcels", "carrier", "application/json", lost,
        TestCallbacks.signature("not-the-carriers-secret-at-all-000", now, lost)), 401, "HMAC-SHA256");
    assertRefused(http.send("POST", "/api/events/parcels", "carrier", "application/json", lost,
        TestCallbacks.signature(TestCallbacks.PAYMENT, lost)), 401, "HMAC-SHA256");
    assertRefused(http.send("POST", "/api/events/parcels", "carrier", "application/json", lost,
        TestCallbacks.signature("demo-carrier-signing-secret-0001", now - 301, lost)), 401, "stale");
    // a signature over another body (the event was changed on the way)
    assertRefused(http.send("POST", "/api/events/parcels", "carrier", "application/json", lost,
        TestCallbacks.signature(TestCallbacks.CARRIER, lost.replace("LOST", "DELIVERED"))), 401, "HMAC-SHA256");
    // the payment provider is no carrier
    assertRefused(http.send("POST", "/api/events/parcels", "payment", "application/json", lost,
        TestCallbacks.signature(TestCallbacks.PAYMENT, lost)), 403, "not in a group");

    assertThat(parcels.find(tracking).orElseThrow().status()).isNotEqualTo(ParcelStatus.LOST);
    JsonNode after = flow.view(caseId);
    assertThat(after.get("status")).isEqualTo(before.get("status"));
    assertThat(after.get("timeline")).isEqualTo(before.get("timeline"));
    assertThat(after.path("refundedAmount")).isEqualTo(before.path("refundedAmount"));
  }

  @Test
  void theSellersContactComesFromItsRecordAndOnlyTheSellerOrStaffGiveItsStatement() {
    // the demo seller S-77 (user "seller") has a record with its e-mail; seller S-88 has none
    String sellerMail = "seller.s77@demo.aftersales.local";

    // the customer cannot say where the seller's notices go
    long cases = countCases();
    TestHttp.Response redirected = http.postJson("/api/cases", "shop",
        complaint("S-77", ",\"sellerEmail\":\"me@evil.example.com\""));
    assertRefused(redirected, 400, "complaint.sellerEmail");
    assertThat(countCases()).isEqualTo(cases);

    String first = open(complaint("S-77", ""));
    // the notice asking for a statement goes to the seller record's address
    Awaitility.await().atMost(PATIENCE).until(() -> http.get("/simulators/mail/messages?to=" + sellerMail, "shop")
        .body().contains(first));
    awaitStatement(first);

    String statement = "{\"sellerId\":\"S-77\",\"statement\":\"We admit everything\"}";
    // a shop is no seller
    assertRefused(http.postJson("/api/cases/" + first + "/seller-statement", "shop", statement), 403, "not in a group");
    // seller S-77's login does not answer for another seller
    String other = open(complaint("S-88", ""));
    awaitStatement(other);
    assertRefused(http.postJson("/api/cases/" + other + "/seller-statement", "seller",
        statement.replace("S-77", "S-88")), 403, "S-77 only");
    assertThat(ReturnFlowDriver.read(http.get("/api/cases/" + other + "/complaint", "shop")).get("sellerStatement").isNull())
        .isTrue();
    // the seller itself
    TestHttp.Response own = http.postJson("/api/cases/" + first + "/seller-statement", "seller",
        statement.replace("We admit everything", "Shipped on time"));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("Seller S-77 sent its statement");

    // staff recording a statement the seller gave by phone: marked as such
    TestHttp.Response byStaff = http.postJson("/api/cases/" + other + "/seller-statement", "agent",
        statement.replace("S-77", "S-88"));
    assertThat(byStaff.status()).as(byStaff.body()).isEqualTo(200);
    assertThat(byStaff.body()).contains("Staff member agent recorded the statement of seller S-88");
  }

  private String complaint(String seller, String extra) {
    return ReturnFlowDriver.request(ReturnFlowDriver.with("type", "COMPLAINT", "reason", "SERVICE", "sellerId", seller,
        "description", "The seller stopped answering", "complaint", Map.of("category", "SERVICE_ATTITUDE")))
        .replace("\"category\":\"SERVICE_ATTITUDE\"", "\"category\":\"SERVICE_ATTITUDE\"" + extra);
  }

  private String open(String body) {
    TestHttp.Response opened = http.postJson("/api/cases", "shop", body);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    return ReturnFlowDriver.read(opened).get("caseId").asText();
  }

  private void awaitStatement(String caseId) {
    Awaitility.await().atMost(PATIENCE).until(() -> engine.getRuntimeService().createExecutionQuery()
        .processInstanceBusinessKey(caseId).activityId(org.aftersales.complaint.ComplaintProcess.Element.AWAIT_STATEMENT)
        .count() > 0);
  }

  private long countCases() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().count();
  }

  private static void assertRefused(TestHttp.Response response, int status, String mentions) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(mentions);
  }
}
