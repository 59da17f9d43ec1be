package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.aftersales.system.deployment.ModelExpressionsTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests a page of another site makes a browser send are refused, browsers get no Basic challenge to cache,
 * and the engine REST API and actuator show no more than they must.
 */
@AfterSalesIntegrationTest
class CrossSiteAndEngineRestTest {

  static final Map<String, String> EVIL = Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void driver() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  @Test
  void aPageOfAnotherSiteCannotCancelCompleteOrDeploy() {
    String caseId = flow.open(Map.of());
    org.camunda.bpm.engine.task.Task review = flow.awaitTask(caseId, ReturnProcess.Element.REVIEW);
    String key = "crosssite" + UUID.randomUUID().toString().substring(0, 8);

    Response cancel = http.send("POST", "/api/cases/" + caseId + "/cancel", "agent", "text/plain", "x=1", EVIL);
    Response complete = http.send("POST", "/engine-rest/task/" + review.getId() + "/complete", "agent",
        "application/json", "{}", Map.of("Origin", "https://evil.example"));
    Response deploy = http.postMultipart("/engine-rest/deployment/create", "designer", List.of(
        Part.field("deployment-name", key), Part.file("data", key + ".bpmn", "application/xml",
            ModelExpressionsTest.timerModel(key, "2099-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8))), EVIL);

    for (Response refused : List.of(cancel, complete, deploy)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    assertThat(flow.view(caseId).get("status").asText()).isEqualTo("OPEN");
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void theSameSiteAndServersWithoutOriginStillChangeThings() {
    String own = "http://localhost:" + port;
    String first = flow.open(Map.of());
    String second = flow.open(Map.of());

    Response sameSite = http.send("POST", "/api/cases/" + first + "/cancel", "shop", "application/json", "",
        Map.of("Origin", own, "Sec-Fetch-Site", "same-origin"));
    Response server = http.postJson("/api/cases/" + second + "/cancel", "shop", "");

    assertThat(sameSite.status()).as(sameSite.body()).isEqualTo(200);
    assertThat(server.status()).as(server.body()).isEqualTo(200);
  }

  @Test
  void browsersGetNoBasicChallengeButAWebappLoginOpensTheApiDocs() {
    Response browser = http.send("GET", "/swagger-ui/index.html", null, null, null,
        Map.of("Accept", "text/html", "Sec-Fetch-Mode", "navigate"));
    TestHttp loggedIn = TestHttp.browser(port);
    loggedIn.logIn("agent", "tasklist");

    assertThat(browser.status()).isEqualTo(401);
    assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(loggedIn.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    assertThat(loggedIn.get("/v3/api-docs", null).body()).contains("/api/cases");
  }

  @Test
  void theEnginesMetricsAreForOperatorsOnEveryPath() {
    TestHttp agent = TestHttp.browser(port);
    agent.logIn("agent", "tasklist");
    TestHttp manager = TestHttp.browser(port);
    manager.logIn("manager", "cockpit");
    String webappMetrics = "/camunda/api/engine/engine/default/metrics/activity-instance-start/sum";

    assertThat(http.get("/engine-rest/engine/default/metrics/activity-instance-start/sum", "agent").status())
        .isEqualTo(403);
    assertThat(agent.get(webappMetrics, null).status()).isEqualTo(403);
    assertThat(manager.get(webappMetrics, null).status()).isEqualTo(200);
  }

  @Test
  void usersAreListedOnlyToAdministrators() {
    Response agent = http.get("/engine-rest/user", "agent");
    Response admin = http.get("/engine-rest/user", "admin");

    assertThat(agent.body()).doesNotContain("\"manager\"").doesNotContain("\"designer\"");
    assertThat(admin.body()).contains("\"manager\"");
  }

  @Test
  void engineErrorsAreProblemsWithoutClassNames() {
    Response badJson = http.postJson("/engine-rest/process-definition/key/nope/start", "admin",
        "{\"variables\":{\"x\":{\"value\":1,\"type\":\"Integer\",\"bogus\":[}}}");
    Response unknown = http.postJson("/engine-rest/process-definition/key/nope/start", "admin", "{}");

    for (Response error : List.of(badJson, unknown)) {
      assertThat(error.status()).as(error.body()).isBetween(400, 499);
      assertThat(error.contentType()).startsWith("application/problem+json");
      assertThat(error.body()).contains("\"detail\"").doesNotContain("Exception").doesNotContain("org.camunda")
          .doesNotContain("com.fasterxml");
    }
  }

  @Test
  void theEngineRestApiHasABodySizeLimit() {
    Response huge = http.postJson("/engine-rest/process-definition/key/nope/start", "admin",
        "{\"businessKey\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");

    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.contentType()).startsWith("application/problem+json");
  }

  @Test
  void anonymousHealthShowsTheStatusOnly() {
    Response health = http.get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\"").doesNotContain("components").doesNotContain("db");
  }

  @Test
  void slowSendersCannotStarveTheOthers() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 260; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }
      for (int round = 0; round < 2; round++) {
        Thread.sleep(4000);
        for (Socket socket : slow) {
          try {
            socket.getOutputStream().write(' ');
          } catch (java.io.IOException closed) {
            // the server cut this slow sender off
          }
        }
      }

      Response health = http.get("/actuator/health", null);

      assertThat(health.status()).isEqualTo(200);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }
}
