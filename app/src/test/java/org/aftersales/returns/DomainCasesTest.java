package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The cases of DOMAIN.md end to end: through the HTTP API, with the job executor running, the real HTTP
 * clients, and the carrier and payment simulators moving parcels and settling refunds by themselves and
 * calling back. People's decisions are taken in their task queues over Camunda's REST API, as Tasklist does.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "aftersales.simulators.carrier.step-delay=PT0.2S",
    "aftersales.simulators.payment.settle-delay=PT0.2S",
    "aftersales.simulators.carrier.callback-backoff=PT0.2S",
    "aftersales.simulators.payment.callback-backoff=PT0.2S"})
class DomainCasesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PaymentSimulator payments;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  @Test
  void phoneInAnotherColourIsReturnedAtTheSellersCostAndRefundedInFull() {
    String caseId = flow.open(Map.of("customerId", "C-1001"));
    decide(caseId, "agent", "Task_ReviewRequest", "{\"reviewDecision\":{\"value\":\"APPROVE\"}}");
    // the seller pays: a door-to-door pickup is booked; the simulated courier collects and delivers it
    decide(caseId, "inspector", "Task_InspectGoods",
        "{\"inspectionPassed\":{\"value\":true},\"inspectionCondition\":{\"value\":\"NEW\"}}");
    JsonNode done = awaitClosed(caseId);

    assertThat(done.get("outcome").asText()).isEqualTo("REFUNDED");
    assertThat(done.get("refundedAmount").asText()).isEqualTo("2999.00");
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo("2999.00");
    assertThat(flow.timeline(caseId)).containsSubsequence("Case opened", "Your request was approved",
        "The courier collected your parcel", "Your parcel arrived at our warehouse", "The goods passed inspection",
        "Refund of 2999.00 CNY paid", "Case closed: Refunded");
    assertThat(Duration.between(java.time.OffsetDateTime.parse(done.get("openedAt").asText()),
        java.time.OffsetDateTime.parse(done.get("closedAt").asText()))).isLessThan(Duration.ofDays(7));
  }

  @Test
  void brokenVaseComesBackAndANewOneIsSent() {
    String caseId = flow.open(Map.of("type", "EXCHANGE", "reason", "DAMAGED", "description", "Arrived broken",
        "evidence", List.of("https://photos.example.com/vase-broken.jpg"), "paidAmount", "159.00",
        "items", List.of(Map.of("sku", "VASE-GLASS-30", "name", "Glass vase", "quantity", 1, "unitPrice", "159.00"))));
    decide(caseId, "agent", "Task_ReviewRequest", "{\"reviewDecision\":{\"value\":\"APPROVE\"}}");
    decide(caseId, "inspector", "Task_InspectGoods",
        "{\"inspectionPassed\":{\"value\":true},\"inspectionCondition\":{\"value\":\"DAMAGED\"}}");
    JsonNode done = awaitClosed(caseId);

    assertThat(done.get("outcome").asText()).isEqualTo("RESHIPPED");
    assertThat(done.get("refundedAmount").asText()).isEqualTo("0.00");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(flow.timeline(caseId))
        .contains("Your parcel arrived at our warehouse", "The parcel we sent you was delivered"));
  }

  @Test
  void noisyFanReturnIsRefusedThenTheComplaintPenalisesTheSellerAndRefundsTheCustomer() {
    String customer = "C-FAN-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String seller = "S-FAN-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> fan = Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00");
    String caseId = flow.open(Map.of("customerId", customer, "sellerId", seller, "reason", "QUALITY",
        "description", "Very noisy at every speed", "paidAmount", "399.00", "items", List.of(fan)));
    // the seller's agent answers slowly and refuses
    decide(caseId, "agent", "Task_ReviewRequest",
        "{\"reviewDecision\":{\"value\":\"REJECT\"},\"rejectReason\":{\"value\":\"Fan noise is within specification\"}}");
    JsonNode refused = awaitClosed(caseId);
    assertThat(refused.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(flow.timeline(caseId)).contains("Your request was declined");

    // the customer complains to the platform about the refusal, with the chat record
    String complaintId = flow.open(Map.of("type", "COMPLAINT", "reason", "SERVICE", "customerId", customer,
        "sellerId", seller, "description", "The seller answered after four days and refused the return of a noisy fan",
        "paidAmount", "399.00", "items", List.of(fan), "complaint", Map.of("category", "REFUSED_AFTER_SALES",
            "linkedCaseId", caseId, "chatRecord", List.of("https://chat.example.com/" + caseId + "/log"))));
    // the seller is asked and answers by phone; an agent records its statement (marked as recorded by staff)
    await().atMost(PATIENCE).until(() -> engine.getRuntimeService().createExecutionQuery()
        .processInstanceBusinessKey(complaintId).activityId("Task_AwaitSellerStatement").count() == 1);
    TestHttp.Response statement = http.postJson("/api/cases/" + complaintId + "/seller-statement", "agent",
        "{\"sellerId\":\"" + seller + "\",\"statement\":\"The noise is normal for this model\"}");
    assertThat(statement.status()).as(statement.body()).isEqualTo(200);
    // the complaint handler reviews order, chat and the refused case in Tasklist, and decides
    decide(complaintId, "complaints", "Task_Investigate", "{\"complaintDecision\":{\"value\":\"UPHELD\"},"
        + "\"decisionReasons\":{\"value\":\"A fan this noisy has a quality defect; the refusal was wrong\"},"
        + "\"compensationAmount\":{\"value\":0},\"forcedRemedy\":{\"value\":\"FORCED_REFUND\"},"
        + "\"penalty\":{\"value\":\"POINTS\"},\"penaltyPoints\":{\"value\":6}}");

    // the refused case is reopened and the customer refunded in full
    JsonNode refunded = await().atMost(PATIENCE).until(() -> flow.view(caseId),
        v -> "CLOSED".equals(v.get("status").asText()) && "REFUNDED".equals(v.get("outcome").asText()));
    assertThat(refunded.get("refundedAmount").asText()).isEqualTo("399.00");
    assertThat(payments.totalSucceeded(caseId)).isEqualByComparingTo("399.00");
    // the seller is penalised on its record
    TestHttp.Response record = http.get("/api/sellers/" + seller + "/penalties", "supervisor");
    assertThat(record.status()).isEqualTo(200);
    assertThat(ReturnFlowDriver.read(record).get("points").asInt()).isEqualTo(6);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(flow.timeline(complaintId)).contains(
        "Complaint upheld, forced refund on the linked case, seller penalty: points",
        "Seller " + seller + " penalised: 6 points"));
    assertThat(flow.view(complaintId).get("stage").asText()).contains("upheld");
  }

  @Test
  void paidRepairFromRequestToTheProductBackWithTheChargeRecorded() {
    String caseId = flow.open(Map.of("type", "REPAIR", "reason", "FAULT", "fault", "SCREEN_FLICKER",
        "faultCause", "QUALITY_DEFECT", "productCategory", "PHONE", "warrantyMonths", 12,
        "deliveredAt", java.time.OffsetDateTime.now().minusMonths(14).withNano(0).toString(),
        "description", "The screen flickers", "evidence", List.of("https://photos.example.com/flicker.mp4")));
    // out of warranty: the simulated courier brings the phone in, a technician diagnoses and quotes
    decide(caseId, "technician", "Task_Diagnose", "{\"faultFound\":{\"value\":true},\"diagnosedCause\":{\"value\":\"QUALITY_DEFECT\"},"
        + "\"quoteAmount\":{\"value\":420},\"estimatedDays\":{\"value\":3}}");
    await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey("Task_RecordQuoteAnswer").count() == 1);
    TestHttp.Response accepted = http.postJson("/api/cases/" + caseId + "/quote-answer", "shop", "{\"accept\":true}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    decide(caseId, "technician", "Task_Repair",
        "{\"partsUsed\":{\"value\":\"SCR-PX-01 SN99887766554\"},\"labourHours\":{\"value\":2}}");
    decide(caseId, "inspector", "Task_QualityCheck", "{\"qcPassed\":{\"value\":true}}");
    JsonNode done = awaitClosed(caseId);
    assertThat(done.get("outcome").asText()).isEqualTo("REPAIRED");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(flow.timeline(caseId))
        .contains("Your parcel arrived at our warehouse", "You accepted the quote", "The parcel we sent you was delivered"));
    TestHttp.Response costs = http.get("/api/reports/cases/" + caseId + "/costs", "manager");
    assertThat(costs.status()).isEqualTo(200);
    assertThat(costs.body()).contains("\"PARTS\"", "\"LABOUR\"", "\"LOGISTICS\"", "\"CUSTOMER\"", "620.00", "160.00");
    // the accepted quote was collected from the customer through the (simulated) payment provider, once
    assertThat(payments.charges(caseId)).hasSize(1);
    assertThat(payments.totalCharged(caseId)).isEqualByComparingTo("420.00");
    assertThat(flow.timeline(caseId)).contains("Your payment of 420.00 CNY was received");
  }

  private void decide(String caseId, String user, String taskKey, String variables) {
    flow.decide(caseId, user, taskKey, variables, PATIENCE);
  }

  private JsonNode awaitClosed(String caseId) {
    return await().atMost(PATIENCE).until(() -> flow.view(caseId), v -> "CLOSED".equals(v.get("status").asText()));
  }
}
