package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Response;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tasklist, Cockpit and Admin: Camunda's login, application rights per group, and CSRF protection. */
@AfterSalesIntegrationTest
class WebappSecurityTest {

  private static final String ENGINE_API = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;

  @ParameterizedTest(name = "{0} logs into {1}: {2}")
  @CsvSource({
      "agent,      tasklist, 200", "agent,      cockpit, 403", "agent,    admin, 403",
      "inspector,  tasklist, 200", "finance,    tasklist, 200",
      "manager,    cockpit,  200", "manager,    tasklist, 200", "manager,  admin, 403",
      "designer,   cockpit,  200", "designer,   tasklist, 403",
      "supervisor, cockpit,  200", "admin,      admin,    200",
      "shop,       tasklist, 403", "shop,       cockpit,  403"})
  void eachGroupReachesItsOwnWebapps(String user, String app, int expected) {
    TestHttp browser = TestHttp.browser(port);

    assertThat(login(browser, user, app).status()).isEqualTo(expected);
  }

  @Test
  void webappApiNeedsALogin() {
    TestHttp browser = TestHttp.browser(port);

    assertThat(browser.get(ENGINE_API + "/task/count", null).status()).isEqualTo(401);
    assertThat(browser.get("/camunda/app/tasklist/default/", null).status())
        .as("the login page itself is served").isEqualTo(200);
  }

  @Test
  void aLoggedInAgentSeesOnlyTheAgentsQueue() {
    String instanceId = runtimeService.startProcessInstanceByKey(AccessCheckProcess.KEY, "webapp").getId();
    TestHttp browser = TestHttp.browser(port);
    login(browser, "agent", "tasklist");

    Response tasks = browser.get(ENGINE_API + "/task?processInstanceId=" + instanceId, null);

    assertThat(tasks.status()).isEqualTo(200);
    assertThat(tasks.body()).contains(AccessCheckProcess.TASK_AGENT_WORK)
        .doesNotContain(AccessCheckProcess.TASK_INSPECTOR_WORK);
  }

  @Test
  void changesWithoutTheCsrfTokenAreRefused() {
    TestHttp browser = TestHttp.browser(port);
    login(browser, "agent", "tasklist");
    browser.get(ENGINE_API + "/task/count", null); // the webapp fetches its CSRF token with a first GET

    Response withToken = browser.send("POST", ENGINE_API + "/task/count", null, "application/json", "{}",
        Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
    Response withoutToken = browser.send("POST", ENGINE_API + "/task/count", null, "application/json", "{}", Map.of());

    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withToken.status()).isEqualTo(200);
  }

  @Test
  void theCockpitLoginReadsReportsOnlyAndKeepsItsSession() {
    TestHttp manager = TestHttp.browser(port);
    login(manager, "manager", "cockpit");
    String session = manager.cookie("JSESSIONID");

    Response report = manager.get("/api/reports/sla", null);

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.headers().firstValue("Set-Cookie")).as("no new session id").isEmpty();
    assertThat(manager.cookie("JSESSIONID")).isEqualTo(session);
    assertThat(manager.get(ENGINE_API + "/task/count", null).status()).as("Cockpit still logged in").isEqualTo(200);
    // reading only: the session does not open the rest of the API
    assertThat(manager.send("POST", "/api/cases", null, "application/json", "{}", Map.of()).status()).isEqualTo(401);
    TestHttp agent = TestHttp.browser(port);
    login(agent, "agent", "tasklist");
    assertThat(agent.get("/api/reports/sla", null).status()).isEqualTo(403);
    assertThat(TestHttp.browser(port).get("/api/reports/sla", null).status()).isEqualTo(401);
  }

  private Response login(TestHttp browser, String user, String app) {
    browser.get("/camunda/app/" + app + "/default/", null);
    return browser.send("POST", "/camunda/api/admin/auth/user/default/login/" + app, null,
        "application/x-www-form-urlencoded", "username=" + user + "&password=" + user,
        Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
  }
}
