package org.aftersales.system.security;

import static org.aftersales.TestFiles.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may do what: every role (its demo user, and no login at all) against every API endpoint and the engine
 * and webapp actions that matter, as one table with a row per action and a column per role. Each cell is run
 * and asserted on its own:
 *
 * <ul>
 *   <li>{@code 2xx}: done;
 *   <li>{@code 401}: no login; {@code 403}: logged in, but not in a group that may;
 *   <li>{@code in}: let in, and answered on the merits (a 404 or 409 because no case is at that step: the access
 *       rules passed it, which is what the cell is about);
 *   <li>{@code hid}: the engine hides what the user may not read, answering as if it did not exist (404).
 * </ul>
 */
@AfterSalesIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

  private static final String MATRIX = """
      action                                   | admin | agent | inspector | technician | complaints | supervisor | finance | manager | designer | shop | none
      who am I                                 |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   2xx    | 2xx  | 401
      open a case                              |  2xx  |  2xx  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 2xx  | 401
      read a case                              |  2xx  |  2xx  |    403    |    403     |    2xx     |    2xx     |   403   |   2xx   |   403    | 2xx  | 401
      list a customer's cases                  |  2xx  |  2xx  |    403    |    403     |    2xx     |    2xx     |   403   |   2xx   |   403    | 2xx  | 401
      withdraw a case                          |  2xx  |  2xx  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 2xx  | 401
      hand in a return parcel                  |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      answer a partial refund offer            |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      send repair evidence                     |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      choose a repair remedy                   |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      answer the survey                        |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      give the seller's statement              |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | 403  | 401
      appeal a complaint                       |  in   |  in   |    403    |    403     |    403     |    in      |   403   |   403   |   403    | in   | 401
      read a complaint record                  |  in   |  in   |    403    |    403     |    in      |    in      |   403   |   in    |   403    | in   | 401
      list a case's documents                  |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   403    | 2xx  | 401
      add a document                           |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   403   |   403    | 2xx  | 401
      open a document                          |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   403    | 2xx  | 401
      list a task's documents                  |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   403    | 403  | 401
      add a document from a task               |  403  |  2xx  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      read a case's history for staff          |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   403    | 403  | 401
      read a seller's penalties                |  2xx  |  2xx  |    403    |    403     |    2xx     |    2xx     |   403   |   2xx   |   403    | 2xx  | 401
      read the knowledge base                  |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   2xx    | 403  | 401
      write a knowledge-base article           |  2xx  |  2xx  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 403  | 401
      carrier parcel event                     |  403  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      payment provider event                   |  403  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      read the service figures                 |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read a case's service figures            |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read the cost report                     |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read the open incidents with their case  |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      retry a failed mail                      |  in   |  403  |    403    |    403     |    403     |    403     |   403   |   in    |   403    | 403  | 401
      ask what I may do in Cockpit             |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   2xx    | 403  | 401
      read a case's costs                      |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read the metrics (Prometheus)            |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read the API description                 |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   2xx    | 2xx  | 401
      read the mail simulator                  |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 2xx  | 401
      log in to Tasklist                       |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   403    | 403  | 401
      log in to Cockpit                        |  2xx  |  403  |    403    |    403     |    403     |    2xx     |   403   |   2xx   |   2xx    | 403  | 401
      log in to Admin                          |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      read tasks (engine REST)                 |  2xx  |  2xx  |    2xx    |    2xx     |    2xx     |    2xx     |   2xx   |   2xx   |   2xx    | 403  | 401
      read the agents' review task             |  2xx  |  2xx  |    hid    |    hid     |    hid     |    2xx     |   hid   |   2xx   |   hid    | 403  | 401
      claim the agents' review task            |  2xx  |  2xx  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 403  | 401
      complete an agents' task                 |  2xx  |  2xx  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      approve a refund (finance task)          |  2xx  |  403  |    403    |    403     |    403     |    2xx     |   2xx   |   403   |   403    | 403  | 401
      deploy a model                           |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   2xx    | 403  | 401
      delete a deployment with running cases   |  2xx  |  hid  |    hid    |    hid     |    hid     |    hid     |   hid   |   403   |   403    | 403  | 401
      modify a process instance                |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      cancel a process instance                |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      set a job's retries                      |  2xx  |  403  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 403  | 401
      resolve an incident                      |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      read a case's history                    |  2xx  |  hid  |    hid    |    hid     |    hid     |    2xx     |   hid   |   2xx   |   hid    | 403  | 401
      create a user                            |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      grant an authorization                   |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      read the engine's metrics                |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      read the engine's metrics (engine path)  |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   2xx   |   403    | 403  | 401
      write a variable of the review task      |  2xx  |  403  |    403    |    403     |    403     |    403     |   403   |   403   |   403    | 403  | 401
      comment on the agents' review task       |  2xx  |  2xx  |    403    |    403     |    403     |    2xx     |   403   |   403   |   403    | 403  | 401
      """;

  private static final String JSON = "application/json";
  private static final String CUSTOMER = "X-Customer-Id";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ParcelRegistry parcels;
  ReturnFlowDriver flow;
  TestHttp http;
  String customer;
  String caseId;
  String documentHref;
  String parcel;
  final List<String> createdUsers = new ArrayList<>();
  final List<String> createdAuthorizations = new ArrayList<>();
  final Map<String, Function<String, Response>> actions = new LinkedHashMap<>();

  @BeforeAll
  void fixtures() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    customer = "C-MATRIX-" + UUID.randomUUID().toString().substring(0, 6);
    caseId = flow.open(ReturnFlowDriver.with("customerId", customer));
    Response document = http.postMultipart("/api/cases/" + caseId + "/documents", "shop",
        List.of(Part.file("file", "a.png", "image/png", png())), Map.of(CUSTOMER, customer));
    assertThat(document.status()).as(document.body()).isEqualTo(201);
    documentHref = ReturnFlowDriver.read(document).get("href").asText();
    String closed = flow.open(ReturnFlowDriver.with("customerId", customer));
    assertThat(http.postJson("/api/cases/" + closed + "/cancel", "shop", "").status()).isEqualTo(200);
    parcel = "MX" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    parcels.register(parcel, closed, "B-" + parcel, ParcelRegistry.Direction.RETURN, ParcelStatus.IN_TRANSIT);
    defineActions();
  }

  @AfterAll
  void cleanUp() {
    createdAuthorizations.forEach(id -> engine.getAuthorizationService().deleteAuthorization(id));
    createdUsers.forEach(id -> engine.getIdentityService().deleteUser(id));
  }

  private void defineActions() {
    String c = "/api/cases/" + caseId;
    actions.put("who am I", user -> http.get("/api/me", user));
    actions.put("open a case", user -> http.postJson("/api/cases", user,
        ReturnFlowDriver.request(ReturnFlowDriver.with("customerId", customer))));
    actions.put("read a case", user -> http.get(c, user));
    actions.put("list a customer's cases", user -> http.get("/api/cases?customerId=" + customer, user));
    actions.put("withdraw a case", user -> http.postJson("/api/cases/" + freshCase() + "/cancel", user, ""));
    actions.put("hand in a return parcel", user -> http.postJson(c + "/return-shipment", user,
        "{\"trackingNumber\":\"SF1234567890\"}"));
    actions.put("answer a partial refund offer", user -> http.postJson(c + "/partial-refund-answer", user,
        "{\"accept\":true}"));
    actions.put("send repair evidence", user -> http.postJson(c + "/evidence", user,
        "{\"evidence\":[\"https://img.example.com/1.jpg\"]}"));
    actions.put("choose a repair remedy", user -> http.postJson(c + "/remedy", user, "{\"choice\":\"REFUND\"}"));
    actions.put("answer the survey", user -> http.postJson(c + "/survey", user, "{\"responseSpeed\":90,"
        + "\"problemSolving\":90,\"attitude\":90,\"communication\":90,\"followUp\":90}"));
    actions.put("give the seller's statement", user -> http.postJson(c + "/seller-statement", user,
        "{\"sellerId\":\"S-77\",\"statement\":\"We shipped it\"}"));
    actions.put("appeal a complaint", user -> http.postJson(c + "/appeal", user, "{\"reason\":\"Unfair\"}"));
    actions.put("read a complaint record", user -> http.get(c + "/complaint", user));
    actions.put("list a case's documents", user -> http.send("GET", c + "/documents", user, null, null,
        asCustomer(user)));
    actions.put("add a document", user -> http.postMultipart(c + "/documents", user,
        List.of(Part.file("file", "m.png", "image/png", png())), asCustomer(user)));
    actions.put("open a document", user -> http.send("GET", documentHref, user, null, null, asCustomer(user)));
    // the review task of the case, whose candidates are the agents: only they add from it (issue 18)
    String review = "/api/tasks/" + flow.awaitTask(caseId, org.aftersales.returns.ReturnProcess.Element.REVIEW).getId()
        + "/documents";
    actions.put("list a task's documents", user -> http.get(review, user));
    actions.put("add a document from a task", user -> http.postMultipart(review, user,
        List.of(Part.file("file", "t.png", "image/png", png())), Map.of()));
    actions.put("read a case's history for staff", user -> http.get(c + "/history", user));
    actions.put("read a seller's penalties", user -> http.get("/api/sellers/S-77/penalties", user));
    actions.put("read the knowledge base", user -> http.get("/api/knowledge/articles", user));
    actions.put("write a knowledge-base article", user -> http.send("PUT", "/api/knowledge/articles/matrix-" + user,
        user, JSON, "{\"title\":\"Restart\",\"body\":\"Hold the power button for ten seconds.\"}", Map.of()));
    actions.put("carrier parcel event", user -> http.postJson("/api/events/parcels", user, "{\"eventId\":\""
        + UUID.randomUUID() + "\",\"trackingNumber\":\"" + parcel + "\",\"status\":\"DELIVERED\",\"occurredAt\":\""
        + java.time.OffsetDateTime.now() + "\"}"));
    actions.put("payment provider event", user -> http.postJson("/api/events/payments", user, "{\"eventId\":\""
        + UUID.randomUUID() + "\",\"refundId\":\"" + caseId + "-R9\",\"status\":\"SUCCEEDED\",\"occurredAt\":\""
        + java.time.OffsetDateTime.now() + "\"}"));
    actions.put("read the service figures", user -> http.get("/api/reports/sla", user));
    actions.put("read a case's service figures", user -> http.get("/api/reports/cases/" + caseId + "/sla", user));
    actions.put("read the cost report", user -> http.get("/api/reports/costs", user));
    actions.put("read the open incidents with their case", user -> http.get("/api/reports/incidents", user));
    // no such notice: operators get past the access rules to the 404 (NotificationRelayTest retries a real one)
    actions.put("retry a failed mail", user -> http.postJson("/api/notifications/matrix-none/retry", user, ""));
    actions.put("ask what I may do in Cockpit", user -> http.get("/api/reports/access", user));
    actions.put("read a case's costs", user -> http.get("/api/reports/cases/" + caseId + "/costs", user));
    actions.put("read the metrics (Prometheus)", user -> http.get("/actuator/prometheus", user));
    actions.put("read the API description", user -> http.get("/v3/api-docs", user));
    actions.put("read the mail simulator", user -> http.get("/simulators/mail/messages?to=li.wei@example.com", user));
    actions.put("log in to Tasklist", user -> logIn(user, "tasklist"));
    actions.put("log in to Cockpit", user -> logIn(user, "cockpit"));
    actions.put("log in to Admin", user -> logIn(user, "admin"));
    actions.put("read tasks (engine REST)", user -> http.get("/engine-rest/task", user));
    actions.put("read the agents' review task", user -> http.get("/engine-rest/task/" + reviewTask(freshCase()).getId(),
        user));
    actions.put("claim the agents' review task", user -> http.postJson("/engine-rest/task/"
        + reviewTask(freshCase()).getId() + "/claim", user, "{\"userId\":\"" + user + "\"}"));
    actions.put("complete an agents' task", user -> http.postJson("/engine-rest/task/"
        + accessCheckTask(AccessCheckProcess.TASK_AGENT_WORK).getId() + "/complete", user, "{}"));
    actions.put("approve a refund (finance task)", user -> http.postJson("/engine-rest/task/" + financeTask().getId()
        + "/complete", user, "{\"variables\":{\"" + ReturnProcess.Var.REFUND_AMOUNT
        + "\":{\"value\":\"10.00\",\"type\":\"String\"}}}"));
    actions.put("deploy a model", user -> deploy(user, "matrix-deploy"));
    actions.put("delete a deployment with running cases", user -> {
      String deployment = ReturnFlowDriver.read(deploy("admin", "matrix-delete")).get("id").asText();
      engine.getRuntimeService().startProcessInstanceByKey("matrix-delete");
      return http.send("DELETE", "/engine-rest/deployment/" + deployment + "?cascade=true", user, null, null, Map.of());
    });
    actions.put("modify a process instance", user -> http.postJson("/engine-rest/process-instance/"
        + accessCheck().getId() + "/modification", user, "{\"instructions\":[{\"type\":\"startBeforeActivity\","
        + "\"activityId\":\"" + AccessCheckProcess.TASK_AGENT_WORK + "\"}]}"));
    actions.put("cancel a process instance", user -> http.send("DELETE", "/engine-rest/process-instance/"
        + accessCheck().getId(), user, null, null, Map.of()));
    actions.put("set a job's retries", user -> http.send("PUT", "/engine-rest/job/" + reviewTimer(freshCase())
        + "/retries", user, JSON, "{\"retries\":5}", Map.of()));
    actions.put("resolve an incident", user -> {
      ProcessInstance instance = accessCheck();
      String execution = engine.getRuntimeService().createExecutionQuery().processInstanceId(instance.getId())
          .activityId(AccessCheckProcess.TASK_AGENT_WORK).singleResult().getId();
      String incident = engine.getRuntimeService().createIncident("matrix", execution, "access matrix").getId();
      return http.send("DELETE", "/engine-rest/incident/" + incident, user, null, null, Map.of());
    });
    actions.put("read a case's history", user -> http.get("/engine-rest/history/process-instance/"
        + flow.instance(caseId).getId(), user));
    actions.put("create a user", user -> {
      String id = "matrix" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      Response response = http.postJson("/engine-rest/user/create", user, "{\"profile\":{\"id\":\"" + id
          + "\",\"firstName\":\"M\",\"lastName\":\"X\",\"email\":\"m@example.com\"},\"credentials\":{\"password\":\""
          + "Matrix-Pass-2026!\"}}");
      if (engine.getIdentityService().createUserQuery().userId(id).count() > 0) {
        createdUsers.add(id);
      }
      return response;
    });
    actions.put("grant an authorization", user -> {
      Response response = http.postJson("/engine-rest/authorization/create", user, "{\"type\":1,\"permissions\":"
          + "[\"ALL\"],\"userId\":\"" + (user == null ? "nobody" : user) + "\",\"resourceType\":8,\"resourceId\":\"*\"}");
      if (response.status() == 200) {
        createdAuthorizations.add(ReturnFlowDriver.read(response).get("id").asText());
      }
      return response;
    });
    actions.put("read the engine's metrics", user -> http.get("/engine-rest/metrics/activity-instance-start/sum",
        user));
    actions.put("read the engine's metrics (engine path)", user -> http.get(
        "/engine-rest/engine/default/metrics/activity-instance-start/sum", user));
    actions.put("write a variable of the review task", user -> http.send("PUT", "/engine-rest/task/"
        + reviewTask(freshCase()).getId() + "/variables/" + ReturnProcess.Var.WITH_RETURN, user, JSON,
        "{\"type\":\"Boolean\",\"value\":false}", Map.of()));
    actions.put("comment on the agents' review task", user -> http.postJson("/engine-rest/task/"
        + reviewTask(freshCase()).getId() + "/comment/create", user, "{\"message\":\"Called the customer\"}"));
  }

  Stream<Arguments> cells() {
    List<String> lines = MATRIX.strip().lines().toList();
    List<String> roles = columns(lines.get(0)).subList(1, columns(lines.get(0)).size());
    List<Arguments> cells = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> columns = columns(line);
      assertThat(columns).as(line).hasSize(roles.size() + 1);
      for (int i = 0; i < roles.size(); i++) {
        cells.add(Arguments.of(columns.get(0), roles.get(i), columns.get(i + 1)));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("cells")
  void eachRoleMayDoWhatTheTableSays(String action, String role, String expected) {
    assertThat(actions).as("the action of row '" + action + "'").containsKey(action);
    String user = role.equals("none") ? null : role;

    Response response = actions.get(action).apply(user);

    String answer = action + " as " + role + ": " + response.status() + " " + response.body();
    switch (expected) {
      case "2xx" -> assertThat(response.status()).as(answer).isBetween(200, 299);
      case "in" -> assertThat(response.status()).as(answer).isBetween(400, 499).isNotIn(401, 403);
      case "hid" -> assertThat(response.status()).as(answer).isEqualTo(404);
      default -> assertThat(response.status()).as(answer).isEqualTo(Integer.parseInt(expected));
    }
    if (expected.equals("401") || expected.equals("403")) {
      assertThat(response.contentType()).as(answer).containsAnyOf("application/problem+json", "application/json");
    }
  }

  @org.junit.jupiter.api.Test
  void everyActionHasARowAndEveryRowAnAction() {
    List<String> rows = MATRIX.strip().lines().skip(1).map(l -> columns(l).get(0)).toList();
    assertThat(rows).containsExactlyElementsOf(actions.keySet());
  }

  private static List<String> columns(String line) {
    return Arrays.stream(line.split("\\|")).map(String::strip).toList();
  }

  private Map<String, String> asCustomer(String user) {
    return "shop".equals(user) ? Map.of(CUSTOMER, customer) : Map.of();
  }

  private Response logIn(String user, String app) {
    TestHttp browser = TestHttp.browser(port);
    if (user == null) {
      browser.get("/camunda/app/" + app + "/default/", null);
      return browser.send("POST", "/camunda/api/admin/auth/user/default/login/" + app, null,
          "application/x-www-form-urlencoded", "username=&password=", Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
    }
    return browser.logIn(user, app);
  }

  private String freshCase() {
    return flow.open(ReturnFlowDriver.with("customerId", customer));
  }

  private Task reviewTask(String caseId) {
    return flow.task(flow.instance(caseId), ReturnProcess.Element.REVIEW);
  }

  private String reviewTimer(String caseId) {
    return engine.getManagementService().createJobQuery().processInstanceId(flow.instance(caseId).getId())
        .activityId(ReturnProcess.Element.REVIEW_OVERDUE).singleResult().getId();
  }

  private ProcessInstance accessCheck() {
    return engine.getRuntimeService().startProcessInstanceByKey(AccessCheckProcess.KEY, "matrix");
  }

  private Task accessCheckTask(String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(accessCheck().getId()).taskDefinitionKey(key)
        .singleResult();
  }

  /** The refund approval of a fresh case, put there as an administrator would in Cockpit. */
  private Task financeTask() {
    String fresh = freshCase();
    ProcessInstance instance = flow.instance(fresh);
    engine.getRuntimeService().createProcessInstanceModification(instance.getId())
        .cancelAllForActivity(ReturnProcess.Element.REVIEW)
        .startBeforeActivity(ReturnProcess.Element.APPROVE_REFUND)
        .setVariable(ReturnProcess.Var.CALCULATED_REFUND_AMOUNT, "10.00")
        .execute();
    return flow.task(instance, ReturnProcess.Element.APPROVE_REFUND);
  }

  private Response deploy(String user, String key) {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"" + key + "\" "
        + "isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\"><startEvent id=\"StartEvent_Matrix\"/>"
        + "<sequenceFlow id=\"Flow_Matrix\" sourceRef=\"StartEvent_Matrix\" targetRef=\"Task_Matrix\"/>"
        + "<userTask id=\"Task_Matrix\"/></process></definitions>";
    return http.postMultipart("/engine-rest/deployment/create", user, List.of(Part.field("deployment-name", key),
        Part.file("data", key + ".bpmn", "application/xml", bpmn.getBytes(StandardCharsets.UTF_8))), Map.of());
  }

}
