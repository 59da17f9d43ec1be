package org.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.aftersales.system.deployment.ModelExpressionsTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In headless Chromium: an administrator has opened the API with her credentials and is logged in to Tasklist;
 * a page on another site (another origin served by this test) then tries, through a plain form and through
 * scripts, to cancel a case, complete its review task and deploy a model that would run a command. Nothing
 * happens: the case is open, the task is there, no model is deployed, no file is created.
 */
@AfterSalesIntegrationTest
class CrossSiteBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  WebDriver browser;
  HttpServer evil;

  @BeforeEach
  void browser() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (Boolean.parseBoolean(System.getenv("AFTERSALES_TEST_REQUIRE_BROWSER"))) {
      assertThat(installed).as("Debian packages chromium and chromium-driver").isTrue();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed, "Chromium or chromedriver not installed: skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
        options);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    if (evil != null) {
      evil.stop(0);
    }
  }

  @Test
  void aPageOnAnotherSiteCannotCancelCompleteOrDeploy() throws Exception {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    String caseId = flow.open(Map.of());
    Task review = flow.awaitTask(caseId, ReturnProcess.Element.REVIEW);
    Path pwned = Files.createTempDirectory("pwned").resolve("pwned");
    String key = "xsite" + UUID.randomUUID().toString().substring(0, 8);
    String target = "http://localhost:" + port;
    String model = ModelExpressionsTest.timerModel(key, ModelExpressionsTest.touch(pwned));
    String page = """
        <html><body>
        <iframe name="sink"></iframe>
        <form id="cancel" method="POST" enctype="text/plain" target="sink" action="%1$s/api/cases/%2$s/cancel">
          <input name="x" value="1"></form>
        <script>
          document.getElementById('cancel').submit();
          var form = new FormData();
          form.append('deployment-name', '%4$s');
          form.append('data', new Blob([%5$s], {type: 'application/xml'}), '%4$s.bpmn');
          Promise.allSettled([
            fetch('%1$s/engine-rest/deployment/create', {method: 'POST', body: form, credentials: 'include', mode: 'no-cors'}),
            fetch('%1$s/engine-rest/task/%3$s/complete', {method: 'POST', body: '{}', credentials: 'include',
              mode: 'no-cors', headers: {'Content-Type': 'text/plain'}})
          ]).then(function () { setTimeout(function () { document.title = 'tried'; }, 1500); });
        </script></body></html>
        """.formatted(target, caseId, review.getId(), key, toJsString(model));
    evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext("/", exchange -> {
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    evil.start();

    // the person at work: the API opened with her credentials, Tasklist logged in
    browser.get("http://admin:admin@localhost:" + port + "/api/me");
    browser.get(target + "/camunda/app/tasklist/default/");
    ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "fetch('/camunda/api/admin/auth/user/default/login/tasklist', {method: 'POST', credentials: 'include',"
        + " headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN':"
        + " (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1]}, body: 'username=admin&password=admin'})"
        + ".then(function (r) { done(r.status); }, function () { done(-1); });");
    // ... then visits a page of another site
    browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> "tried".equals(driver.getTitle()));

    assertThat(flow.view(caseId).get("status").asText()).isEqualTo("OPEN");
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    assertThat(pwned).doesNotExist();
  }

  private static String toJsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
