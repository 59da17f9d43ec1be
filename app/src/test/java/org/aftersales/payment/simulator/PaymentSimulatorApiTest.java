package org.aftersales.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The payment simulator's HTTP API as a provider's client and a person see it: wire format, idempotency,
 * problems for bad input, fault controls, and who may use it.
 */
@AfterSalesIntegrationTest
class PaymentSimulatorApiTest {

  private static final String REFUNDS = "/simulators/payment/refunds";

  @LocalServerPort int port;
  @Autowired PaymentSimulator simulator;
  @Autowired ObjectMapper json;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = TestHttp.on(port);
  }

  @AfterEach
  void noFaults() {
    simulator.resetFaults();
  }

  @Test
  void aRefundIsCreatedOnceAndAnsweredAgainForTheSameKey() throws Exception {
    String caseId = "AS-T-" + UUID.randomUUID();
    String refundId = caseId + "-R1";
    TestHttp.Response created = postRefund(refundId, refundBody(refundId, caseId, "129.00", "CNY"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode refund = json.readTree(created.body());
    assertThat(refund.get("refundId").asText()).isEqualTo(refundId);
    assertThat(refund.get("providerRefundId").asText()).isNotBlank();
    assertThat(refund.get("status").asText()).isEqualTo("PENDING");
    assertThat(refund.get("amount").isTextual()).isTrue();
    assertThat(refund.get("amount").asText()).isEqualTo("129.00");
    assertThat(refund.get("currency").asText()).isEqualTo("CNY");
    assertThat(refund.get("failureReason").isNull()).isTrue();
    assertThat(OffsetDateTime.parse(refund.get("createdAt").asText())).isNotNull();

    TestHttp.Response replay = postRefund(refundId, refundBody(refundId, caseId, "129", "CNY"));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(json.readTree(replay.body()).get("providerRefundId")).isEqualTo(refund.get("providerRefundId"));

    assertProblem(postRefund(refundId, refundBody(refundId, caseId, "130.00", "CNY")), 409);
    assertProblem(postRefund(refundId, refundBody(refundId, caseId, "129.00", "USD")), 409);

    TestHttp.Response found = http.get(REFUNDS + "/" + refundId, "shop");
    assertThat(found.status()).isEqualTo(200);
    assertThat(json.readTree(found.body()).get("providerRefundId")).isEqualTo(refund.get("providerRefundId"));
    JsonNode list = json.readTree(http.get(REFUNDS + "?caseId=" + caseId, "shop").body());
    assertThat(list).hasSize(1);
    assertThat(simulator.refunds(caseId)).hasSize(1);
    assertProblem(http.get(REFUNDS + "/AS-NEVER-R1", "shop"), 404);
  }

  @Test
  void badRequestsGetProblems() {
    String refundId = "AS-T-" + UUID.randomUUID() + "-R1";
    String body = refundBody(refundId, "AS-T", "129.00", "CNY");
    assertProblem(http.postJson(REFUNDS, "shop", body), 400);
    assertProblem(postRefund("another-key", body), 422);
    assertProblem(postRefund(refundId, refundBody(refundId, "AS-T", "12.345", "CNY")), 400);
    assertProblem(postRefund(refundId, refundBody(refundId, "AS-T", "-1.00", "CNY")), 400);
    assertProblem(postRefund(refundId, refundBody(refundId, "AS-T", "1.00", "yuan")), 400);
    assertProblem(postRefund(refundId, "{not json"), 400);
    assertProblem(http.postJson(REFUNDS + "/AS-NEVER-R1/settle", "shop", "{\"status\":\"SUCCEEDED\"}"), 404);
    assertProblem(http.postJson(REFUNDS + "/AS-NEVER-R1/settle", "shop", "{\"status\":\"MAYBE\"}"), 400);
    assertProblem(http.postJson(REFUNDS + "/AS-NEVER-R1/callbacks/resend", "shop", null), 404);
    assertProblem(http.postJson("/simulators/payment/faults", "shop", "{\"unavailableNext\":-1,\"failNext\":0}"), 400);
    assertThat(simulator.refunds("AS-T")).isEmpty();
  }

  @Test
  void faultsAnswer503UntilCleared() {
    String caseId = "AS-T-" + UUID.randomUUID();
    String refundId = caseId + "-R1";
    TestHttp.Response faults = http.postJson("/simulators/payment/faults", "shop", "{\"unavailableNext\":2,\"failNext\":0}");
    assertThat(faults.status()).isEqualTo(200);
    assertProblem(postRefund(refundId, refundBody(refundId, caseId, "5.00", "CNY")), 503);

    assertThat(http.send("DELETE", "/simulators/payment/faults", "shop", null, null, Map.of()).status()).isEqualTo(204);
    assertThat(postRefund(refundId, refundBody(refundId, caseId, "5.00", "CNY")).status()).isEqualTo(201);
  }

  @ParameterizedTest
  @CsvSource({
      "GET,    /simulators/payment/refunds",
      "POST,   /simulators/payment/refunds",
      "POST,   /simulators/payment/refunds/AS-X-R1/settle",
      "POST,   /simulators/payment/refunds/AS-X-R1/callbacks/resend",
      "POST,   /simulators/payment/faults",
      "DELETE, /simulators/payment/faults"})
  void onlyIntegrationsMayUseTheSimulator(String method, String path) {
    String body = "POST".equals(method) ? "{}" : null;
    String type = body == null ? null : "application/json";
    assertProblem(http.send(method, path, null, type, body, Map.of()), 401);
    assertProblem(http.send(method, path, "agent:agent", type, body, Map.of()), 403);
  }

  private TestHttp.Response postRefund(String idempotencyKey, String body) {
    return http.send("POST", REFUNDS, "shop", "application/json", body, Map.of("Idempotency-Key", idempotencyKey));
  }

  private static String refundBody(String refundId, String caseId, String amount, String currency) {
    return """
        {"refundId":"%s","caseId":"%s","orderId":"O-20261111-0001","amount":"%s","currency":"%s","reason":"Return"}"""
        .formatted(refundId, caseId, amount, currency);
  }

  private static void assertProblem(TestHttp.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }
}
