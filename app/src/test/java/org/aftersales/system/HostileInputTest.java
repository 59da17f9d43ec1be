package org.aftersales.system;

import static org.aftersales.TestFiles.png;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.authorization.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input across the whole shop-facing API, one row per request: malformed and mistyped bodies, oversized
 * bodies and fields, unknown enum values, SQL, markup, CRLF and path traversal, other customers' cases, replayed
 * idempotency keys with another body, events for closed cases, wrong methods and content types. Each row names the
 * status it must get and words its {@code application/problem+json} detail must hold, and nothing may change: the
 * application's tables (counts and contents), the engine's runtime tables and the fixture cases as the API shows
 * them are the same before and after each row.
 */
@AfterSalesIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  private static final String CUSTOMER = "X-Customer-Id";
  private static final String KEY = "Idempotency-Key";
  private static final String JSON = "application/json";
  /** Engine tables whose row counts (and revisions, where they have them) must not move. */
  private static final List<String> ENGINE_TABLES = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE",
      "ACT_RU_JOB", "ACT_RU_EVENT_SUBSCR", "ACT_RU_INCIDENT", "ACT_RE_DEPLOYMENT", "ACT_ID_USER",
      "ACT_RU_AUTHORIZATION");
  /** Those of them counted for the fixture cases' process instances only. */
  private static final List<String> RUNTIME_OF_INSTANCES = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK",
      "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_RU_EVENT_SUBSCR", "ACT_RU_INCIDENT");
  private static final List<String> WITH_REVISION = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired ParcelRegistry parcels;
  ReturnFlowDriver flow;
  TestHttp http;

  /** The fixtures the rows refer to as {own}, {foreign}, {closed}, {customer}, ... */
  final Map<String, String> fixtures = new LinkedHashMap<>();
  String openedBody;

  /**
   * One hostile request: who sends what, the status it must get, and what its detail must mention; {@code changes}
   * names the application tables it may add to (an event that is logged as received, and nothing else).
   */
  record Row(String what, String method, String path, String user, Map<String, String> headers, String contentType,
      String body, int status, String mentions, List<String> changes) {
    @Override
    public String toString() {
      return what;
    }
  }

  @BeforeAll
  void fixtures() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    String customer = "C-HOSTILE-" + UUID.randomUUID().toString().substring(0, 6);
    fixtures.put("customer", customer);
    openedBody = ReturnFlowDriver.request(ReturnFlowDriver.with("customerId", customer));
    fixtures.put("openKey", UUID.randomUUID().toString());
    Response opened = http.send("POST", "/api/cases", "shop", JSON, openedBody, Map.of(KEY, fixtures.get("openKey")));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    fixtures.put("own", ReturnFlowDriver.read(opened).get("caseId").asText());
    fixtures.put("foreign", flow.open(ReturnFlowDriver.with("customerId", "C-HOSTILE-OTHER")));
    String closed = flow.open(ReturnFlowDriver.with("customerId", customer));
    assertThat(http.postJson("/api/cases/" + closed + "/cancel", "shop", "").status()).isEqualTo(200);
    fixtures.put("closed", closed);
    // a return parcel on its way for the closed case: the carrier's later news about it must change nothing
    String tracking = "HX" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    parcels.register(tracking, closed, "B-" + tracking, ParcelRegistry.Direction.RETURN, ParcelStatus.IN_TRANSIT);
    fixtures.put("parcel", tracking);
    fixtures.put("docKey", UUID.randomUUID().toString());
    Response document = http.postMultipart("/api/cases/" + fixtures.get("own") + "/documents", "shop",
        List.of(Part.file("file", "a.png", "image/png", png())), Map.of(CUSTOMER, customer, KEY, fixtures.get("docKey")));
    assertThat(document.status()).as(document.body()).isEqualTo(201);
    fixtures.put("document", ReturnFlowDriver.read(document).get("documentId").asText());
    settle();
  }

  Stream<Row> rows() {
    String now = OffsetDateTime.now().withNano(0).toString();
    String parcel = "{\"eventId\":\"%s\",\"trackingNumber\":\"%s\",\"status\":\"%s\",\"occurredAt\":\"" + now + "\"}";
    String payment = "{\"eventId\":\"e-%s\",\"refundId\":\"%s\",\"status\":\"%s\",\"amount\":\"%s\",\"currency\":\"%s\","
        + "\"occurredAt\":\"" + now + "\"}";
    String scores = "\"problemSolving\":90,\"attitude\":90,\"communication\":90,\"followUp\":90";
    Map<String, String> asCustomer = Map.of(CUSTOMER, "{customer}");
    return Stream.of(
        // --- opening a case: malformed, mistyped, oversized, unknown values, injection, replays ---
        post("malformed JSON", "/api/cases", "{\"type\":\"RETURN\",\"orderId\":", 400, "not valid JSON"),
        post("no body at all", "/api/cases", null, 400, "not valid JSON"),
        post("a JSON string instead of an object", "/api/cases", "\"RETURN\"", 400, "body"),
        post("items as an object", "/api/cases", open("items", Map.of("sku", "A")), 400, "items"),
        post("quantity as text", "/api/cases", open("items", List.of(Map.of("sku", "A", "name", "Cup", "quantity", "many",
            "unitPrice", "1.00"))), 400, "quantity"),
        post("a fractional quantity", "/api/cases", open("items", List.of(Map.of("sku", "A", "name", "Cup", "quantity", 1.5,
            "unitPrice", "1.00"))), 400, "quantity"),
        post("paid amount as an object", "/api/cases", open("paidAmount", Map.of("value", 1)), 400, "paidAmount"),
        post("lower-case type", "/api/cases", open("type", "return"), 400, "allowed: RETURN"),
        post("unknown reason", "/api/cases", open("reason", "BORED"), 400, "reason"),
        post("unknown return method", "/api/cases", open("returnMethod", "TELEPORT"), 400, "returnMethod"),
        post("unknown fault cause", "/api/cases", open("faultCause", "GREMLINS"), 400, "faultCause"),
        post("body above the limit", "/api/cases", open("description", "x".repeat(70_000)), 413, "larger than"),
        post("order id of 65 characters", "/api/cases", open("orderId", "O".repeat(65)), 400, "orderId"),
        post("contact name of 101 characters", "/api/cases", open("contact", contact("name", "N".repeat(101))), 400,
            "contact.name"),
        post("address line of 201 characters", "/api/cases", open("contact", contact("line1", "L".repeat(201))), 400,
            "line1"),
        post("SQL in the order id", "/api/cases", open("orderId", "O-1' OR '1'='1"), 400, "orderId"),
        post("SQL in the seller id", "/api/cases", open("sellerId", "S-77; DELETE FROM as_case"), 400, "sellerId"),
        post("script in the contact name", "/api/cases", open("contact", contact("name", "<script>alert(1)</script>")),
            400, "contact.name"),
        post("markup in the address", "/api/cases", open("contact", contact("line1", "<iframe src=//evil>")), 400,
            "line1"),
        post("CRLF in the e-mail address", "/api/cases", open("contact", contact("email", "a@b.cn\r\nBcc: all@evil.com")),
            400, "email"),
        post("javascript link as evidence", "/api/cases", open("evidence", List.of("javascript:alert(1)")), 400,
            "evidence"),
        post("a misspelt requested amount", "/api/cases", open("requestedAmmount", "10.00"), 400,
            "requestedAmmount is not a field of this request"),
        post("a status the server owns", "/api/cases", open("status", "CLOSED", "refundedAmount", "2999.00"), 400,
            "is not a field of this request"),
        post("a misspelt field in the address", "/api/cases", open("contact", Map.of("name", "Li Wei", "address",
            Map.of("line1", "1 Nanjing Road", "city", "Shanghai", "country", "CN", "postcode", "200001"))), 400,
            "contact.address.postcode"),
        row("acting for another customer than the body names", "POST", "/api/cases", "shop", Map.of(CUSTOMER, "C-SOMEONE"),
            JSON, open(), 400, CUSTOMER),
        row("an idempotency key replayed with another body", "POST", "/api/cases", "shop", Map.of(KEY, "{openKey}"), JSON,
            open("description", "Another text"), 409, "different request body"),
        row("an idempotency key of 201 characters", "POST", "/api/cases", "shop", Map.of(KEY, "k".repeat(201)), JSON,
            open(), 400, "Idempotency-Key"),
        // --- what Spring answers before a handler is chosen ---
        row("form body instead of JSON", "POST", "/api/cases", "shop", Map.of(), "application/x-www-form-urlencoded",
            "type=RETURN", 415, "not supported"),
        row("XML body", "POST", "/api/cases", "shop", Map.of(), "application/xml", "<case/>", 415, "not supported"),
        row("DELETE on a case", "DELETE", "/api/cases/{own}", "shop", Map.of(), null, null, 405, "not supported"),
        row("PUT on the case list", "PUT", "/api/cases", "shop", Map.of(), JSON, open(), 405, "not supported"),
        row("GET on the parcel callback", "GET", "/api/events/parcels", "carrier", Map.of(), null, null, 405, "not supported"),
        row("asking for XML", "GET", "/api/cases/{own}", "shop", Map.of("Accept", "application/xml"), null, null, 406,
            "Acceptable representations"),
        get("an unknown path under /api", "/api/refunds/all", "shop", 404, "no API endpoint"),
        get("an unknown action on a case", "/api/cases/{own}/approve", "shop", 404, "no API endpoint"),
        // --- path traversal, CRLF and SQL in paths, queries and headers ---
        get("path traversal with encoded slashes", "/api/cases/..%2F..%2Fapplication.properties", "shop", 400,
            "rejected"),
        get("path traversal with encoded dots", "/api/cases/%2e%2e/%2e%2e/actuator/env", "shop", 400, "rejected"),
        get("CRLF in the path", "/api/cases/AS-1%0d%0aSet-Cookie:%20a=b", "shop", 400, "rejected"),
        get("a document id that climbs out", "/api/cases/{own}/documents/..%2F..%2F..%2Fetc%2Fpasswd", "shop", 400,
            "rejected"),
        get("SQL in a case id", "/api/cases/AS-1'%20OR%20'1'='1", "shop", 404, "AS-1' OR '1'='1"),
        get("SQL in the customer filter", "/api/cases?customerId=C-1'%20OR%20'1'='1", "shop", 400, "customerId"),
        get("CRLF in the customer filter", "/api/cases?customerId=C-1%0d%0aX-Injected:%201", "shop", 400, "customerId"),
        get("page size of a million", "/api/cases?customerId={customer}&size=1000000", "shop", 400, "size"),
        get("page as text", "/api/cases?customerId={customer}&page=first", "shop", 400, "page"),
        row("SQL in X-Customer-Id", "GET", "/api/cases/{own}", "shop", Map.of(CUSTOMER, "C-1' OR '1'='1"), null, null, 404,
            "{own}"),
        // --- other customers' cases ---
        row("reading another customer's case", "GET", "/api/cases/{foreign}", "shop", asCustomer, null, null, 404,
            "{foreign}"),
        row("withdrawing another customer's case", "POST", "/api/cases/{foreign}/cancel", "shop", asCustomer, null, null,
            404, "{foreign}"),
        row("handing in a parcel for another customer's case", "POST", "/api/cases/{foreign}/return-shipment", "shop",
            asCustomer, JSON, "{\"trackingNumber\":\"SF1234567890\"}", 404, "{foreign}"),
        row("another customer's documents", "GET", "/api/cases/{foreign}/documents", "shop", asCustomer, null, null, 404,
            "{foreign}"),
        row("another customer's document", "GET", "/api/cases/{own}/documents/{document}", "shop",
            Map.of(CUSTOMER, "C-HOSTILE-OTHER"), null, null, 404, "{own}"),
        row("uploading to another customer's case", "MULTIPART", "/api/cases/{foreign}/documents", "shop", asCustomer,
            null, "a.png", 404, "{foreign}"),
        row("answering the survey of another customer's case", "POST", "/api/cases/{foreign}/survey", "shop", asCustomer,
            JSON, "{\"responseSpeed\":90," + scores + "}", 404, "{foreign}"),
        // --- closed cases and steps the case is not at ---
        post("withdrawing a closed case", "/api/cases/{closed}/cancel", "", 409, "closed"),
        post("handing in a parcel for a closed case", "/api/cases/{closed}/return-shipment",
            "{\"trackingNumber\":\"SF1234567890\"}", 409, "{closed}"),
        post("answering an offer nobody made", "/api/cases/{own}/partial-refund-answer", "{\"accept\":true}", 409,
            "{own}"),
        post("evidence for a return case", "/api/cases/{own}/evidence", "{\"evidence\":[\"https://img.example.com/1.jpg\"]}",
            409, "{own}"),
        post("a seller statement on a case that is no complaint", "/api/cases/{own}/seller-statement",
            "{\"sellerId\":\"S-77\",\"statement\":\"We shipped it\"}", 404, "{own}"),
        post("an appeal on a case that is no complaint", "/api/cases/{own}/appeal", "{\"reason\":\"Unfair\"}", 404,
            "{own}"),
        post("a survey before it was sent", "/api/cases/{own}/survey", "{\"responseSpeed\":90," + scores + "}", 409,
            "{own}"),
        row("a document for a closed case", "MULTIPART", "/api/cases/{closed}/documents", "shop", asCustomer, null, "a.png",
            409, "closed"),
        row("a document replayed under its key with another file", "MULTIPART", "/api/cases/{own}/documents", "shop",
            Map.of(CUSTOMER, "{customer}", KEY, "{docKey}"), null, "b.png", 409, "different request body"),
        row("the carrier's news of a parcel of a closed case", "POST", "/api/events/parcels", "carrier", Map.of(), JSON,
            parcel.formatted("ev-" + UUID.randomUUID(), "{parcel}", "DELIVERED"), 200, "IGNORED_CASE_CLOSED",
            List.of("AS_INBOUND_EVENT")),
        // --- carrier and payment callbacks ---
        post("a parcel event that is not JSON", "/api/events/parcels", "status=DELIVERED", 400, "not valid JSON"),
        post("an unknown parcel status", "/api/events/parcels", parcel.formatted("ev-1", "{parcel}", "TELEPORTED"), 400,
            "status"),
        post("a parcel event with a time that is no time", "/api/events/parcels",
            parcel.formatted("ev-2", "{parcel}", "DELIVERED").replace(now, "yesterday"), 400, "occurredAt"),
        post("SQL in a parcel event id", "/api/events/parcels", parcel.formatted("e'; DROP TABLE as_parcel;--", "{parcel}",
            "DELIVERED"), 400, "eventId"),
        post("an unknown parcel", "/api/events/parcels", parcel.formatted("ev-3", "ZZ0000000000", "DELIVERED"), 404,
            "ZZ0000000000"),
        post("a parcel named for another case", "/api/events/parcels", parcel.formatted("ev-4", "{parcel}", "DELIVERED")
            .replace("\"status\"", "\"caseId\":\"{foreign}\",\"status\""), 409, "another case"),
        post("a pending refund result", "/api/events/payments", payment.formatted("5", "{own}-R1", "PENDING", "1.00", "CNY"),
            400, "final result"),
        post("an unknown refund", "/api/events/payments", payment.formatted("6", "{own}-R9", "SUCCEEDED", "1.00", "CNY"),
            404, "No refund with this id"),
        post("a negative refund amount", "/api/events/payments", payment.formatted("7", "{own}-R1", "SUCCEEDED", "-1.00",
            "CNY"), 400, "amount"),
        post("a refund in lower-case currency", "/api/events/payments", payment.formatted("8", "{own}-R1", "SUCCEEDED",
            "1.00", "cny"), 400, "currency"),
        post("a refund and a charge in one event", "/api/events/payments", payment.formatted("9", "{own}-R1", "SUCCEEDED",
            "1.00", "CNY").replace("\"status\"", "\"chargeId\":\"{own}-C1\",\"status\""), 400, "either refundId or chargeId"),
        post("a failure reason of 301 characters", "/api/events/payments", payment.formatted("10", "{own}-R1", "FAILED",
            "1.00", "CNY").replace("\"status\"", "\"failureReason\":\"" + "r".repeat(301) + "\",\"status\""), 400,
            "failureReason"),
        // --- survey, repair and complaint answers ---
        post("a score off the ladder", "/api/cases/{own}/survey", "{\"responseSpeed\":85," + scores + "}", 400,
            "responseSpeed"),
        post("a score as text", "/api/cases/{own}/survey", "{\"responseSpeed\":\"ninety\"," + scores + "}", 400,
            "responseSpeed"),
        post("markup in a survey comment", "/api/cases/{own}/survey", "{\"responseSpeed\":90," + scores
            + ",\"comment\":\"<img src=x onerror=alert(1)>\"}", 400, "comment"),
        post("evidence over plain http", "/api/cases/{own}/evidence", "{\"evidence\":[\"http://img.example.com/1.jpg\"]}",
            400, "https"),
        post("an appointment that is no time", "/api/cases/{own}/appointment", "{\"slotStart\":\"tomorrow at ten\"}", 400,
            "slotStart"),
        post("an unknown remedy", "/api/cases/{own}/remedy", "{\"choice\":\"CASH\"}", 400, "choice"),
        post("a quote answer that is no yes or no", "/api/cases/{own}/quote-answer", "{\"accept\":\"perhaps\"}", 400,
            "accept"),
        post("markup in a seller statement", "/api/cases/{own}/seller-statement",
            "{\"sellerId\":\"S-77\",\"statement\":\"<script>steal()</script>\"}", 400, "statement"),
        post("an appeal of 2001 characters", "/api/cases/{own}/appeal", "{\"reason\":\"" + "a".repeat(2001) + "\"}", 400,
            "reason"),
        row("a document sent as JSON", "POST", "/api/cases/{own}/documents", "shop", asCustomer, JSON, "{\"file\":\"x\"}",
            415, "multipart/form-data"),
        row("a document that is HTML", "MULTIPART", "/api/cases/{own}/documents", "shop", asCustomer, null, "evil.html", 415,
            "not one of"),
        // --- knowledge base, sellers, reports ---
        row("markup in a knowledge-base article", "PUT", "/api/knowledge/articles/hostile-test", "agent", Map.of(), JSON,
            "{\"title\":\"Reset\",\"body\":\"<script>alert(1)</script>\"}", 400, "body"),
        row("an article key with capitals and dots", "PUT", "/api/knowledge/articles/Reset.Phone", "agent", Map.of(), JSON,
            "{\"title\":\"Reset\",\"body\":\"Hold the button\"}", 400, "key"),
        row("an article title of 201 characters", "PUT", "/api/knowledge/articles/hostile-test", "agent", Map.of(), JSON,
            "{\"title\":\"" + "t".repeat(201) + "\",\"body\":\"Hold the button\"}", 400, "title"),
        get("SQL in a seller id", "/api/sellers/S-1'%20OR%201=1--/penalties", "shop", 400, "sellerId"),
        get("penalties from a date that is no date", "/api/sellers/S-77/penalties?from=last-week", "shop", 400, "from"),
        get("a report period of ten years", "/api/reports/sla?from=2016-01-01&to=2026-01-01", "manager", 400, "366 days"),
        get("a report interval of an hour", "/api/reports/sla?interval=HOUR", "manager", 400, "interval"),
        get("a report as XML", "/api/reports/sla?format=xml", "manager", 400, "format"),
        get("an unknown case type in the cost report", "/api/reports/costs?caseType=SWAP", "manager", 400, "caseType"),
        get("the service figures of an unknown case", "/api/reports/cases/AS-20260101-NOPE00/sla", "manager", 404,
            "AS-20260101-NOPE00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void isRefusedClearlyAndChangesNothing(Row row) {
    Map<String, String> before = fingerprint();

    Response response = send(row);

    assertThat(response.status()).as(row.what() + ": " + response.body()).isEqualTo(row.status());
    if (row.status() >= 400) {
      assertThat(response.contentType()).as(row.what() + ": " + response.body()).startsWith("application/problem+json");
      JsonNode problem = ReturnFlowDriver.read(response);
      assertThat(problem.get("status").asInt()).isEqualTo(row.status());
      assertThat(problem.path("detail").asText()).as(row.what() + ": " + response.body())
          .contains(resolve(row.mentions()));
    } else {
      assertThat(response.body()).contains(resolve(row.mentions()));
    }
    Map<String, String> after = fingerprint();
    row.changes().forEach(table -> {
      before.remove("count " + table);
      before.remove("content " + table);
      after.remove("count " + table);
      after.remove("content " + table);
    });
    assertThat(after).as(row.what() + " changed nothing").isEqualTo(before);
  }

  private Response send(Row row) {
    String path = resolve(row.path());
    Map<String, String> headers = new LinkedHashMap<>();
    row.headers().forEach((k, v) -> headers.put(k, resolve(v)));
    if ("MULTIPART".equals(row.method())) {
      byte[] content = row.body().endsWith(".html")
          ? "<html><script>alert(document.cookie)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)
          : row.body().startsWith("b") ? Arrays.copyOf(png(), png().length + 1) : png();
      return http.postMultipart(path, row.user(), List.of(Part.file("file", row.body(), "image/png", content)), headers);
    }
    String body = row.body() == null ? null : resolve(row.body());
    if ("POST".equals(row.method()) && path.startsWith("/api/events/")) {
      headers.putAll(TestCallbacks.signature(row.user(), body));
    }
    return http.send(row.method(), path, row.user(), row.contentType(), body, headers);
  }

  /**
   * What must not change: how many cases there are; every application table's rows that concern the fixture cases
   * (all rows, for tables that belong to no case), as a count and a digest; the engine's runtime rows of the fixture
   * cases' process instances (counts, and revisions where rows have them); deployments, users and authorizations;
   * and the fixture cases as the API shows them. Rows of other cases are left out: the simulators of other test
   * classes sharing this application may still be moving their parcels and refunds along.
   */
  private Map<String, String> fingerprint() {
    Map<String, String> print = new TreeMap<>();
    List<String> caseIds = List.of(fixtures.get("own"), fixtures.get("foreign"), fixtures.get("closed"));
    String inCases = "('" + String.join("','", caseIds) + "')";
    List<String> tables = jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = "
        + "SCHEMA() AND UPPER(TABLE_NAME) LIKE 'AS\\_%' ESCAPE '\\'", String.class);
    assertThat(tables).as("application tables").hasSizeGreaterThan(10);
    print.put("count AS_CASE (all cases)", String.valueOf(jdbc.queryForObject("SELECT COUNT(*) FROM as_case", Long.class)));
    for (String table : tables) {
      boolean ofACase = !jdbc.queryForList("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = "
          + "SCHEMA() AND TABLE_NAME = ? AND UPPER(COLUMN_NAME) = 'CASE_ID'", String.class, table).isEmpty();
      String where = ofACase ? " WHERE case_id IN " + inCases
          : table.equalsIgnoreCase("as_inbound_event") ? " WHERE subject IN ('" + fixtures.get("parcel")
              + "', 'ZZ0000000000') OR " + String.join(" OR ", caseIds.stream().map(id -> "subject LIKE '" + id + "%'")
                  .toList())
          : "";
      List<String> rows = new ArrayList<>();
      jdbc.query("SELECT * FROM " + table + where, rs -> {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object value = rs.getObject(i);
          if (value instanceof java.sql.Blob blob) {
            value = blob.getBytes(1, (int) blob.length());
          } else if (value instanceof java.sql.Clob clob) {
            value = clob.getSubString(1, (int) clob.length());
          }
          row.append(value instanceof byte[] bytes ? Arrays.hashCode(bytes) : String.valueOf(value)).append('|');
        }
        rows.add(row.toString());
      });
      rows.sort(null);
      print.put("count " + table.toUpperCase(), String.valueOf(rows.size()));
      print.put("content " + table.toUpperCase(), Integer.toHexString(rows.hashCode()));
    }
    String instances = "(SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ IN " + inCases + ")";
    print.put("count ACT_HI_PROCINST", String.valueOf(jdbc.queryForObject(
        "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ IN " + inCases, Long.class)));
    for (String table : ENGINE_TABLES) {
      String column = table.equals("ACT_RU_JOB") ? "PROCESS_INSTANCE_ID_" : "PROC_INST_ID_";
      String where = RUNTIME_OF_INSTANCES.contains(table) ? " WHERE " + column + " IN " + instances
          // authorizations on tasks and on the history of tasks and instances come and go with other tests' cases
          // (the job executor moves them on meanwhile): only those of the fixture cases count
          : table.equals("ACT_RU_AUTHORIZATION") ? " WHERE RESOURCE_TYPE_ NOT IN (" + Resources.TASK.resourceType()
              + ", " + Resources.HISTORIC_TASK.resourceType() + ", " + Resources.HISTORIC_PROCESS_INSTANCE.resourceType()
              + ") OR RESOURCE_ID_ IN " + instances + " OR RESOURCE_ID_ IN (SELECT ID_ FROM ACT_HI_TASKINST WHERE "
              + "PROC_INST_ID_ IN " + instances + ")"
          : "";
      print.put("count " + table, String.valueOf(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where,
          Long.class)));
      if (WITH_REVISION.contains(table)) {
        print.put("revisions " + table, String.valueOf(jdbc.queryForObject("SELECT COALESCE(SUM(REV_), 0) FROM "
            + table + where, Long.class)));
      }
    }
    for (String fixture : List.of("own", "foreign", "closed")) {
      print.put("view " + fixture, http.get("/api/cases/" + fixtures.get(fixture), "shop").body());
    }
    return print;
  }

  /** Waits until the fixture cases have come to rest: no job due, and the fingerprint the same twice. */
  private void settle() {
    Instant limit = Instant.now().plus(Duration.ofSeconds(60));
    Map<String, String> last = Map.of();
    while (Instant.now().isBefore(limit)) {
      flow.runDueJobs();
      Map<String, String> now = fingerprint();
      if (now.equals(last)) {
        return;
      }
      last = now;
      pause();
    }
    Map<String, String> previous = last;
    Map<String, String> now = fingerprint();
    now.entrySet().removeIf(e -> e.getValue().equals(previous.get(e.getKey())));
    throw new IllegalStateException("The fixture cases did not come to rest: " + now);
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String resolve(String text) {
    String resolved = text;
    for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
      resolved = resolved.replace("{" + fixture.getKey() + "}", fixture.getValue());
    }
    return resolved;
  }

  private static Row row(String what, String method, String path, String user, Map<String, String> headers,
      String contentType, String body, int status, String mentions) {
    return row(what, method, path, user, headers, contentType, body, status, mentions, List.of());
  }

  private static Row row(String what, String method, String path, String user, Map<String, String> headers,
      String contentType, String body, int status, String mentions, List<String> changes) {
    return new Row(what, method, path, user, headers, contentType, body, status, mentions, changes);
  }

  private static Row post(String what, String path, String body, int status, String mentions) {
    String user = path.startsWith("/api/events/") ? TestCallbacks.partyOf(path)
        : path.endsWith("/seller-statement") ? "seller" : "shop";
    return row(what, "POST", path, user, Map.of(), JSON, body, status, mentions);
  }

  private static Row get(String what, String path, String user, int status, String mentions) {
    return row(what, "GET", path, user, Map.of(), null, null, status, mentions);
  }

  /** A valid opening request for the fixture customer with one field replaced. */
  private static String open(Object... keyValues) {
    Map<String, Object> overrides = ReturnFlowDriver.with(keyValues);
    overrides.put("customerId", "{customer}");
    return ReturnFlowDriver.request(overrides);
  }

  /** A contact with one field (or one address field) replaced. */
  private static Map<String, Object> contact(String field, String value) {
    Map<String, Object> address = new LinkedHashMap<>(Map.of("line1", "1 Nanjing Road", "city", "Shanghai",
        "country", "CN"));
    Map<String, Object> contact = new LinkedHashMap<>(Map.of("name", "Li Wei", "email", "li.wei@example.com"));
    if (address.containsKey(field)) {
      address.put(field, value);
    } else {
      contact.put(field, value);
    }
    contact.put("address", address);
    return contact;
  }

}
