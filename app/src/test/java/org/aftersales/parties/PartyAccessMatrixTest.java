package org.aftersales.parties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Response;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who among the outside parties may do what: each kind of party (its demo login), staff (an agent, finance, an
 * administrator) and no login against the endpoints that matter to parties, one row per action, one column per
 * party, each cell run and asserted on its own ({@code 2xx} done; {@code 401} no login or not signed; {@code 403}
 * not this party's; {@code in}: let in and answered on the merits, such as 404 for an unknown parcel). Callbacks are
 * signed with the sender's own demo secret (others with the payment provider's, which does not help them).
 */
@AfterSalesIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyAccessMatrixTest {

  private static final String MATRIX = """
      action                              | shop | carrier | payment | seller | agent | finance | admin | none
      open a case                         | 2xx  |   403   |   403   |  403   |  2xx  |   403   |  2xx  | 401
      read a case                         | 2xx  |   403   |   403   |  403   |  2xx  |   403   |  2xx  | 401
      post a parcel event                 | 403  |   in    |   403   |  403   |  403  |   403   |  403  | 401
      post a parcel event unsigned        | 403  |   401   |   403   |  403   |  403  |   403   |  403  | 401
      post a payment result               | 403  |   403   |   in    |  403   |  403  |   403   |  403  | 401
      post a payment result unsigned      | 403  |   403   |   401   |  403   |  403  |   403   |  403  | 401
      give a seller's statement           | 403  |   403   |   403   |  in    |  in   |   403   |  in   | 401
      read a seller's penalties           | 2xx  |   403   |   403   |  2xx   |  2xx  |   403   |  2xx  | 401
      read another seller's penalties     | 2xx  |   403   |   403   |  in    |  2xx  |   403   |  2xx  | 401
      list a seller's complaints          | 2xx  |   403   |   403   |  2xx   |  2xx  |   403   |  2xx  | 401
      list another seller's complaints    | 2xx  |   403   |   403   |  in    |  2xx  |   403   |  2xx  | 401
      read a complaint about the seller   | 2xx  |   403   |   403   |  2xx   |  2xx  |   403   |  2xx  | 401
      read another seller's complaint     | 2xx  |   403   |   403   |  in    |  2xx  |   403   |  2xx  | 401
      list a complaint's documents        | 2xx  |   403   |   403   |  2xx   |  2xx  |   2xx   |  2xx  | 401
      list another seller's documents     | 2xx  |   403   |   403   |  in    |  2xx  |   2xx   |  2xx  | 401
      list the parties                    | 403  |   403   |   403   |  403   |  403  |   403   |  2xx  | 401
      rotate a party's secret             | 403  |   403   |   403   |  403   |  403  |   403   |  in   | 401
      reconcile payments                  | 403  |   403   |   403   |  403   |  403  |   2xx   |  2xx  | 401
      use the payment simulator           | 2xx  |   403   |   403   |  403   |  403  |   403   |  2xx  | 401
      use the engine REST API             | 403  |   403   |   403   |  403   |  2xx  |   2xx   |  2xx  | 401
      """;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  TestHttp http;
  final Map<String, Function<String, Response>> actions = new LinkedHashMap<>();

  @BeforeAll
  void cases() {
    http = TestHttp.on(port);
    String caseId = new ReturnFlowDriver(port, engine).open(Map.of());
    String parcel = "{\"eventId\":\"m-%s\",\"trackingNumber\":\"ZZ0000000001\",\"status\":\"DELIVERED\",\"occurredAt\":\""
        + OffsetDateTime.now() + "\"}";
    String payment = "{\"eventId\":\"m-%s\",\"refundId\":\"AS-NOPE-R1\",\"status\":\"SUCCEEDED\",\"occurredAt\":\""
        + OffsetDateTime.now() + "\"}";
    actions.put("open a case", user -> http.postJson("/api/cases", user, ReturnFlowDriver.request(Map.of())));
    actions.put("read a case", user -> http.get("/api/cases/" + caseId, user));
    actions.put("post a parcel event", user -> signed(user, "/api/events/parcels", parcel.formatted(UUID.randomUUID())));
    actions.put("post a parcel event unsigned", user -> http.postJson("/api/events/parcels", user,
        parcel.formatted(UUID.randomUUID())));
    actions.put("post a payment result", user -> signed(user, "/api/events/payments", payment.formatted(UUID.randomUUID())));
    actions.put("post a payment result unsigned", user -> http.postJson("/api/events/payments", user,
        payment.formatted(UUID.randomUUID())));
    // a return case is no complaint: let in, then 404
    actions.put("give a seller's statement", user -> http.postJson("/api/cases/" + caseId + "/seller-statement", user,
        "{\"sellerId\":\"S-77\",\"statement\":\"We shipped it\"}"));
    actions.put("read a seller's penalties", user -> http.get("/api/sellers/S-77/penalties", user));
    // a seller's login (S-77) reads what concerns it only: another seller's is unknown (404); it reads no case
    // itself (row 'read a case')
    String own = complaintAbout("S-77");
    String foreign = complaintAbout("S-88");
    actions.put("read another seller's penalties", user -> http.get("/api/sellers/S-88/penalties", user));
    actions.put("list a seller's complaints", user -> http.get("/api/sellers/S-77/complaints", user));
    actions.put("list another seller's complaints", user -> http.get("/api/sellers/S-88/complaints", user));
    actions.put("read a complaint about the seller", user -> http.get("/api/cases/" + own + "/complaint", user));
    actions.put("read another seller's complaint", user -> http.get("/api/cases/" + foreign + "/complaint", user));
    actions.put("list a complaint's documents", user -> http.get("/api/cases/" + own + "/documents", user));
    actions.put("list another seller's documents", user -> http.get("/api/cases/" + foreign + "/documents", user));
    actions.put("list the parties", user -> http.get("/api/admin/parties", user));
    // an unknown party: let in, then 404 (no demo secret changes)
    actions.put("rotate a party's secret", user -> http.postJson("/api/admin/parties/nobody/secrets", user,
        "{\"secret\":\"" + "s".repeat(40) + "\"}"));
    actions.put("reconcile payments", user -> http.get("/api/finance/reconciliation", user));
    actions.put("use the payment simulator", user -> http.get("/simulators/payment/refunds?caseId=" + caseId, user));
    actions.put("use the engine REST API", user -> http.get("/engine-rest/task?maxResults=1", user));
  }

  private String complaintAbout(String seller) {
    Response opened = http.postJson("/api/cases", "shop", ReturnFlowDriver.request(ReturnFlowDriver.with("type",
        "COMPLAINT", "reason", "SERVICE", "sellerId", seller, "description", "The seller stopped answering",
        "complaint", Map.of("category", "SERVICE_ATTITUDE"))));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    return ReturnFlowDriver.read(opened).get("caseId").asText();
  }

  private Response signed(String user, String path, String body) {
    String secretOf = TestCallbacks.CARRIER.equals(user) ? TestCallbacks.CARRIER : TestCallbacks.PAYMENT;
    return http.send("POST", path, user, "application/json", body, TestCallbacks.signature(secretOf, body));
  }

  Stream<Arguments> cells() {
    List<String> lines = MATRIX.strip().lines().toList();
    List<String> parties = columns(lines.get(0)).subList(1, columns(lines.get(0)).size());
    List<Arguments> cells = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> columns = columns(line);
      assertThat(columns).as(line).hasSize(parties.size() + 1);
      for (int i = 0; i < parties.size(); i++) {
        cells.add(Arguments.of(columns.get(0), parties.get(i), columns.get(i + 1)));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("cells")
  void eachPartyMayDoWhatTheTableSays(String action, String party, String expected) {
    assertThat(actions).as("the action of row '" + action + "'").containsKey(action);
    Response response = actions.get(action).apply(party.equals("none") ? null : party);

    String answer = action + " as " + party + ": " + response.status() + " " + response.body();
    switch (expected) {
      case "2xx" -> assertThat(response.status()).as(answer).isBetween(200, 299);
      case "in" -> assertThat(response.status()).as(answer).isBetween(400, 499).isNotIn(401, 403);
      default -> {
        assertThat(response.status()).as(answer).isEqualTo(Integer.parseInt(expected));
        assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
      }
    }
  }

  @Test
  void everyActionHasARowAndEveryRowAnAction() {
    List<String> rows = MATRIX.strip().lines().skip(1).map(l -> columns(l).get(0)).toList();
    assertThat(rows).containsExactlyElementsOf(actions.keySet());
  }

  private static List<String> columns(String line) {
    return Arrays.stream(line.split("\\|")).map(String::strip).toList();
  }
}
