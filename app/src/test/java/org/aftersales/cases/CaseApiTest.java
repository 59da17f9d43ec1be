package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The case API: opening, reading, listing, idempotency, who sees what, and bad input that creates nothing. */
@AfterSalesIntegrationTest
class CaseApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = TestHttp.on(port);
  }

  static Map<String, Object> valid() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "RETURN");
    body.put("orderId", "O-20261111-0001");
    body.put("customerId", "C-1001");
    body.put("sellerId", "S-77");
    body.put("channel", "APP");
    body.put("reason", "NOT_AS_DESCRIBED");
    body.put("description", "Colour differs from the listing");
    body.put("deliveredAt", OffsetDateTime.now().minusDays(2).withNano(0).toString());
    body.put("items", List.of(item("PHONE-X-BLUE", 1, "2999.00")));
    body.put("paidAmount", "2999.00");
    body.put("currency", "CNY");
    return body;
  }

  static Map<String, Object> item(String sku, Object quantity, Object unitPrice) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sku", sku);
    item.put("name", "Phone X");
    item.put("quantity", quantity);
    item.put("unitPrice", unitPrice);
    return item;
  }

  static String with(Object... keyValues) {
    Map<String, Object> body = valid();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        body.remove((String) keyValues[i]);
      } else {
        body.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return json(body);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> badRequests() {
    Map<String, Object> item = item("A", 1, "10.00");
    return Stream.of(
        Arguments.of("type missing", with("type", null), 400, "type"),
        Arguments.of("unknown type", with("type", "SWAP"), 400, "type"),
        Arguments.of("unknown reason", with("reason", "BORED"), 400, "reason"),
        Arguments.of("unknown channel", with("channel", "PIGEON"), 400, "channel"),
        Arguments.of("items missing", with("items", null), 400, "items"),
        Arguments.of("items empty", with("items", List.of()), 400, "items"),
        Arguments.of("quantity not a number", with("items", List.of(item("A", "one", "10.00"))), 400, "quantity"),
        Arguments.of("quantity zero", with("items", List.of(item("A", 0, "10.00"))), 400, "quantity"),
        Arguments.of("negative unit price", with("items", List.of(item("A", 1, "-5.00"))), 400, "unitPrice"),
        Arguments.of("negative paid amount", with("paidAmount", "-1.00"), 400, "paidAmount"),
        Arguments.of("excessive paid amount", with("paidAmount", "99999999.00"), 400, "paidAmount"),
        Arguments.of("three decimals", with("paidAmount", "10.005"), 400, "paidAmount"),
        Arguments.of("zero paid", with("paidAmount", "0.00"), 400, "paidAmount"),
        Arguments.of("asks more than was paid", with("requestedAmount", "3000.00"), 400, "requestedAmount"),
        Arguments.of("more returned than ordered", with("items", List.of(Map.of("sku", "A", "name", "Cup",
            "quantity", 3, "orderedQuantity", 2, "unitPrice", "10.00"))), 400, "quantity"),
        Arguments.of("script in description", with("description", "<script>alert(1)</script>"), 400, "description"),
        Arguments.of("markup in item name", with("items", List.of(Map.of("sku", "A", "name", "<img src=x onerror=alert(1)>",
            "quantity", 1, "unitPrice", "10.00"))), 400, "name"),
        Arguments.of("unknown currency", with("currency", "XYZ"), 400, "currency"),
        Arguments.of("lower-case currency", with("currency", "cny"), 400, "currency"),
        Arguments.of("delivered in the future", with("deliveredAt", OffsetDateTime.now().plusDays(3).toString()), 400, "deliveredAt"),
        Arguments.of("delivery date not a date", with("deliveredAt", "yesterday"), 400, "deliveredAt"),
        Arguments.of("SQL in customer id", with("customerId", "C-1'; DROP TABLE as_case;--"), 400, "customerId"),
        Arguments.of("script link as evidence", with("evidence", List.of("javascript:alert(1)")), 400, "evidence"),
        Arguments.of("same SKU twice", with("items", List.of(item, item)), 400, "sku"),
        Arguments.of("pickup without address", with("returnMethod", "PICKUP"), 400, "contact.address"),
        Arguments.of("exchange without address", with("type", "EXCHANGE"), 400, "contact.address"),
        Arguments.of("invalid e-mail", with("contact", Map.of("email", "not-an-address")), 400, "email"),
        Arguments.of("too many items", with("items", IntStream.range(0, 51)
            .mapToObj(i -> item("SKU" + i, 1, "1.00")).toList()), 400, "items"),
        Arguments.of("description too long", with("description", "x".repeat(2001)), 400, "description"),
        Arguments.of("not JSON", "type=RETURN&orderId=1", 400, "JSON"),
        Arguments.of("a JSON list", "[]", 400, "body"),
        Arguments.of("huge body", with("description", "x".repeat(70_000)), 413, "larger than"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIsRefusedClearlyAndCreatesNothing(String what, String body, int status, String mentions) {
    long cases = count();
    long instances = runtime.createProcessInstanceQuery().count();
    TestHttp.Response response = http.send("POST", "/api/cases", "shop", "application/json", body,
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(mentions);
    assertThat(count()).isEqualTo(cases);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void aWrongContentTypeIsRefused() {
    TestHttp.Response response = http.send("POST", "/api/cases", "shop", "text/plain", with(), Map.of());
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void openedCaseAnswersWithLocationStageAndTimeline() {
    TestHttp.Response response = http.postJson("/api/cases", "shop", with("customerId", "C-OPEN-1"));
    assertThat(response.status()).isEqualTo(201);
    JsonNode view = read(response);
    String caseId = view.get("caseId").asText();
    assertThat(caseId).matches("AS-\\d{8}-[A-Z0-9]{6}");
    assertThat(response.headers().firstValue("Location")).contains("/api/cases/" + caseId);
    assertThat(view.get("status").asText()).isEqualTo("OPEN");
    assertThat(view.get("stage").asText()).isEqualTo("Waiting for after-sales review");
    assertThat(view.get("refundedAmount").asText()).isEqualTo("0.00");
    assertThat(view.get("dueAt").isNull()).isFalse();
    assertThat(view.get("timeline").get(0).get("event").asText()).isEqualTo("Case opened");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey("return-request").count()).isEqualTo(1);
  }

  @Test
  void aChineseCustomerReadsStageAndTimelineInChineseAndSeesTheirOwnWords() {
    // issue 17, item 10: English stage and timeline for language zh; no description, no contact in GET
    Map<String, Object> contact = Map.of("name", "李伟", "email", "li.wei@example.com", "phone", "+86 138 0000 5678",
        "language", "zh", "address", Map.of("line1", "南京路1号", "city", "上海", "country", "CN"));
    TestHttp.Response opened = http.postJson("/api/cases", "shop", with("customerId", "C-ZH-1", "contact", contact,
        "description", "颜色和商品页面不一致"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String caseId = read(opened).get("caseId").asText();
    JsonNode view = read(http.get("/api/cases/" + caseId, "shop"));
    assertThat(view.get("stage").asText()).isEqualTo("等待售后审核");
    assertThat(view.get("timeline").get(0).get("event").asText()).isEqualTo("申请已提交");
    assertThat(view.get("description").asText()).isEqualTo("颜色和商品页面不一致");
    assertThat(view.get("contact").get("name").asText()).isEqualTo("李伟");
    assertThat(view.get("contact").get("email").asText()).isEqualTo("li.wei@example.com");
    assertThat(view.get("contact").get("language").asText()).isEqualTo("zh");
    assertThat(view.get("contact").get("address").get("city").asText()).isEqualTo("上海");
    // an English-speaking customer still reads English
    JsonNode english = read(http.postJson("/api/cases", "shop", with("customerId", "C-EN-1")));
    assertThat(english.get("stage").asText()).isEqualTo("Waiting for after-sales review");
    assertThat(english.get("description").asText()).isEqualTo("Colour differs from the listing");
  }

  @Test
  void theSameIdempotencyKeyAnswersTheFirstCaseAgain() {
    String key = UUID.randomUUID().toString();
    String body = with("customerId", "C-IDEM-1");
    TestHttp.Response first = http.send("POST", "/api/cases", "shop", "application/json", body, Map.of("Idempotency-Key", key));
    TestHttp.Response again = http.send("POST", "/api/cases", "shop", "application/json", body, Map.of("Idempotency-Key", key));
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(read(again).get("caseId")).isEqualTo(read(first).get("caseId"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case WHERE customer_id = 'C-IDEM-1'", Long.class)).isEqualTo(1);

    TestHttp.Response other = http.send("POST", "/api/cases", "shop", "application/json",
        with("customerId", "C-IDEM-1", "description", "Another text"), Map.of("Idempotency-Key", key));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case WHERE customer_id = 'C-IDEM-1'", Long.class)).isEqualTo(1);
  }

  @Test
  void aCustomerSeesOnlyTheirOwnCasesNewestFirst() {
    String first = read(http.postJson("/api/cases", "shop", with("customerId", "C-LIST-1"))).get("caseId").asText();
    String second = read(http.postJson("/api/cases", "shop", with("customerId", "C-LIST-1"))).get("caseId").asText();
    String foreign = read(http.postJson("/api/cases", "shop", with("customerId", "C-LIST-2"))).get("caseId").asText();

    JsonNode page = read(http.get("/api/cases?customerId=C-LIST-1&size=1", "shop"));
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.get("items").get(0).get("caseId").asText()).isEqualTo(second);
    JsonNode next = read(http.get("/api/cases?customerId=C-LIST-1&size=1&page=1", "shop"));
    assertThat(next.get("items").get(0).get("caseId").asText()).isEqualTo(first);

    TestHttp.Response asCustomer = http.send("GET", "/api/cases/" + foreign, "shop", null, null,
        Map.of("X-Customer-Id", "C-LIST-1"));
    assertThat(asCustomer.status()).isEqualTo(404);
    assertThat(http.send("GET", "/api/cases/" + first, "shop", null, null, Map.of("X-Customer-Id", "C-LIST-1"))
        .status()).isEqualTo(200);
    assertThat(http.send("POST", "/api/cases/" + foreign + "/cancel", "shop", null, null,
        Map.of("X-Customer-Id", "C-LIST-1")).status()).isEqualTo(404);
  }

  @Test
  void unknownCasesAndMissingRightsAreClearErrors() {
    TestHttp.Response unknown = http.get("/api/cases/AS-20260101-NOPE00", "shop");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(http.get("/api/cases?customerId=C-1001", null).status()).isEqualTo(401);
    assertThat(http.postJson("/api/cases", "inspector", with()).status()).isEqualTo(403);
    assertThat(http.get("/api/cases", "shop").status()).isEqualTo(400);
    assertThat(http.get("/api/cases?customerId=C-1&size=1000", "shop").status()).isEqualTo(400);
  }

  @Test
  void theOutsideEventsAndCaseEndpointsAreDocumented() {
    TestHttp.Response docs = http.get("/v3/api-docs", "shop");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/cases", "/api/cases/{caseId}/cancel", "/api/cases/{caseId}/return-shipment",
        "/api/events/parcels", "/api/events/payments");
    assertThat(http.get("/swagger-ui/index.html", "shop").status()).isEqualTo(200);
  }

  @Test
  void aStreamedOversizedBodyIs413ProblemJsonAndSaysWhatTheLimitIsFor() throws Exception {
    long cases = jdbc.queryForObject("SELECT COUNT(*) FROM as_case", Long.class);
    for (int size : List.of(100 * 1024, 10 * 1024 * 1024)) {
      java.net.http.HttpResponse<String> answer = streamed("/api/cases", size);
      assertThat(answer.statusCode()).as(size + " bytes: " + answer.body()).isEqualTo(413);
      assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(answer.body()).contains("larger than 65536 bytes", "/api/cases/{caseId}/documents");
    }
    java.net.http.HttpResponse<String> callback = streamed("/api/events/parcels", 100 * 1024);
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(413);
    assertThat(callback.body()).contains("larger than 65536 bytes, the most /api/events/parcels takes")
        .doesNotContain("documents");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case", Long.class)).isEqualTo(cases);
  }

  /** A JSON body of {@code size} bytes sent without a length (Transfer-Encoding: chunked), as the shop's HTTP client may. */
  private java.net.http.HttpResponse<String> streamed(String path, int size) throws Exception {
    boolean callback = path.startsWith("/api/events/");
    String user = callback ? org.aftersales.TestCallbacks.partyOf(path) : "shop";
    byte[] head = "{\"description\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[size];
    java.util.Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    body[size - 2] = '"';
    body[size - 1] = '}';
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes()));
    if (callback) {
      // a carrier's callback is signed: the size limit must answer before the signature is even checked
      org.aftersales.TestCallbacks.signature(user, new String(body, java.nio.charset.StandardCharsets.UTF_8))
          .forEach(request::header);
    }
    request.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void malformedEventsAreRefused() {
    assertThat(TestCallbacks.post(http, "/api/events/parcels", "{\"trackingNumber\":\"SF1234567890\",\"status\":\"DELIVERED\"}")
        .status()).isEqualTo(400);
    assertThat(TestCallbacks.post(http, "/api/events/parcels", "{\"eventId\":\"e1\",\"trackingNumber\":\"SF1234567890\","
        + "\"status\":\"TELEPORTED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}").status()).isEqualTo(400);
    assertThat(TestCallbacks.post(http, "/api/events/payments", "{\"eventId\":\"e2\",\"refundId\":\"X-R1\","
        + "\"status\":\"PENDING\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}").status()).isEqualTo(400);
    assertThat(http.postJson("/api/events/payments", "agent", "{}").status()).isEqualTo(403);
    // a shop is no carrier and no payment provider
    assertThat(http.postJson("/api/events/parcels", "shop", "{}").status()).isEqualTo(403);
    assertThat(http.postJson("/api/events/payments", "shop", "{}").status()).isEqualTo(403);
  }

  private long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case", Long.class);
  }

  private static JsonNode read(TestHttp.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(response.body(), e);
    }
  }
}
