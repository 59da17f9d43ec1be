package org.aftersales.web;

import static org.aftersales.TestFiles.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * In Debian's headless Chromium: a manager logs into Cockpit and sees the service-figures plugin with a case
 * this test left unanswered for three days among the late cases, linked to its process instance, filters by type
 * and seller and finds the API's numbers; a designer sees no figures and no broken box; network and server errors
 * are told apart, with a retry; an agent
 * logs into Tasklist and finds that case's review task under the overdue filter; an agent claims a fresh case's
 * review, reads the case on its Camunda Form, is stopped from rejecting without a reason, gives one and completes
 * it, and the case is closed as rejected.
 */
@AfterSalesIntegrationTest
@Isolated // moves the engine clock and keeps the job executor off
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false"})
class ManagerAndAgentBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  WebDriver browser;
  WebDriverWait patience;
  String caseId;

  @BeforeEach
  void aCaseLeftUnansweredForThreeDays() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (Boolean.parseBoolean(System.getenv("AFTERSALES_TEST_REQUIRE_BROWSER"))) {
      assertThat(installed).as("Debian packages chromium and chromium-driver").isTrue();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed,
        "Chromium or chromedriver not installed (apt-get install chromium chromium-driver): browser test skipped");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ClockUtil.setCurrentTime(Date.from(now.minusDays(3).toInstant()));
    try {
      ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
      caseId = flow.open(ReturnFlowDriver.with("deliveredAt", now.minusDays(5).withNano(0).toString(),
          "paidAmount", "2999.00", "description", "Screen scratched on arrival"));
    } finally {
      ClockUtil.reset();
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000");
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
        options);
    patience = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    ClockUtil.reset();
    if (browser != null) {
      browser.quit();
    }
  }

  void logIn(String app, String user) {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/#/login");
    By name = By.cssSelector("form[name='signinForm'] input[type='text']");
    By password = By.cssSelector("form[name='signinForm'] input[type='password']");
    // the login view is rendered once the app has found nobody logged in; type only into that form
    waitFor(app + "-login", ExpectedConditions.elementToBeClickable(name));
    browser.findElement(name).sendKeys(user);
    browser.findElement(password).sendKeys(user);
    // headless Chromium's typing does not always reach the login form's AngularJS model: hand it over as
    // the form's own submit would, then submit through the form's controller
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("var scope = angular.element(arguments[0]).scope(), user = arguments[1];"
        + "scope.$apply(function () { scope.username = user; scope.password = user; scope.login(); });",
        browser.findElement(By.cssSelector("form[name='signinForm']")), user);
    waitFor(app + "-logged-in", driver -> !driver.getCurrentUrl().contains("/login")
        && driver.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());
  }

  /**
   * Clicks the element through its own click handling, after scrolling it into the middle of the window: in
   * headless Chromium a synthetic mouse click on Tasklist's buttons and form fields does not always arrive.
   */
  void click(WebElement element) {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
  }

  /**
   * Types into a form field; where headless Chromium's key events do not reach the form (as with the login
   * form), the text goes in as the field's input event, which is what the form listens to.
   */
  void type(WebElement field, String text) {
    field.sendKeys(text);
    if (!text.equals(field.getAttribute("value"))) {
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];"
          + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text);
    }
  }


  /** Keeps the page for a look when a wait fails. */
  <T> T waitFor(String name, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    try {
      return patience.until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        Files.writeString(Path.of("target", "browser-" + name + ".html"), String.valueOf(browser.getPageSource()));
        Files.writeString(Path.of("target", "browser-" + name + ".log"), browser.manage().logs().get("browser").getAll()
            .stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("\n")));
      } catch (java.io.IOException ignored) {
        // only for a look after a failure
      }
      throw e;
    }
  }

  JavascriptExecutor script() {
    return (JavascriptExecutor) browser;
  }

  /** Chooses a value of one of the plugin's filters, as a person would: the change reloads the figures. */
  void choose(String filter, String value) {
    script().executeScript("var s = document.querySelector('section.aftersales-sla [name=' + arguments[0] + ']');"
        + "s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true}));", filter, value);
  }

  /** The report the plugin shows, read by the browser with the manager's login and the plugin's own filter. */
  JsonNode reportAsThePluginAskedForIt() {
    String href = browser.findElement(By.cssSelector("a.aftersales-export-cases")).getAttribute("href");
    Object json = script().executeAsyncScript("var done = arguments[1];"
        + "fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})"
        + ".then(r => r.text()).then(done, e => done('failed: ' + e));", href.replace("&format=csv&table=cases", ""));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(json));
    } catch (java.io.IOException e) {
      throw new AssertionError(String.valueOf(json), e);
    }
  }

  /** As the plugin writes durations: "50 h 00 min". */
  static String hoursAndMinutes(long minutes) {
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
  }

  /**
   * The manager filters the figures by case type and seller: the case unanswered for three days leads the list,
   * past its first-response target by two days (counted to the minute: the engine clock stands still meanwhile),
   * with the group its review is offered to, linked to its process instance; another seller's late case is gone.
   * Every number the plugin shows (figures, the late list, the seller table) is the report API's.
   */
  @Test
  void theManagerSeesTheServiceFiguresWithTheLateCaseInCockpit() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(3))));
    String otherSeller = new ReturnFlowDriver(port, engine).open(ReturnFlowDriver.with("sellerId", "S-88",
        "deliveredAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(5).withNano(0).toString()));
    ClockUtil.setCurrentTime(Date.from(now));
    logIn("cockpit", "manager");
    WebElement plugin = waitFor("cockpit-dashboard", ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.aftersales-sla")));
    waitFor("cockpit-late", ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.aftersales-late[data-case='" + otherSeller + "']")));
    assertThat(plugin.getText()).contains("After-sales service figures", "Cases past or near a target", "First response on time",
        "Open cases by stage", "Seller quality", "Totals", "Open incidents");
    // filter: returns of seller S-77
    choose("caseType", "RETURN");
    waitFor("cockpit-seller-offered", driver -> !driver.findElements(
        By.cssSelector("section.aftersales-sla [name=sellerId] option[value='S-77']")).isEmpty());
    choose("sellerId", "S-77");
    WebElement late = waitFor("cockpit-filtered", (org.openqa.selenium.support.ui.ExpectedCondition<WebElement>) driver -> {
      List<WebElement> rows = driver.findElements(By.cssSelector("tr.aftersales-late[data-case='" + caseId + "']"));
      return rows.isEmpty() || !driver.findElements(By.cssSelector("tr[data-case='" + otherSeller + "']")).isEmpty()
          ? null : rows.get(0);
    });
    assertThat(late.findElement(By.cssSelector("a.aftersales-case")).getAttribute("href")).contains("#/process-instance/");
    assertThat(late.findElement(By.cssSelector(".aftersales-target")).getText()).isEqualTo("first response");
    assertThat(late.findElement(By.cssSelector(".aftersales-held-by")).getText()).contains("agents", "审核退货申请");

    JsonNode report = reportAsThePluginAskedForIt();
    assertThat(report.get("filter").get("caseType").asText()).isEqualTo("RETURN");
    assertThat(report.get("filter").get("sellerId").asText()).isEqualTo("S-77");
    // the late list: the same cases in the same order, each with the API's target and minutes over
    List<String> shown = browser.findElements(By.cssSelector("table.aftersales-attention tbody tr")).stream()
        .map(row -> row.getAttribute("data-case")).toList();
    List<String> listed = new java.util.ArrayList<>(report.get("late").findValuesAsText("caseId"));
    listed.addAll(report.get("nearLimit").findValuesAsText("caseId"));
    assertThat(shown).isEqualTo(listed).contains(caseId).doesNotContain(otherSeller);
    JsonNode ours = null;
    for (JsonNode a : report.get("late")) {
      ours = a.get("caseId").asText().equals(caseId) ? a : ours;
    }
    assertThat(ours.get("target").asText()).isEqualTo("FIRST_RESPONSE");
    long over = ours.get("overMinutes").asLong();
    assertThat(over).isBetween(2 * 24 * 60L - 5, 2 * 24 * 60L);
    assertThat(late.findElement(By.cssSelector(".aftersales-over")).getText()).isEqualTo(hoursAndMinutes(over) + " over");
    // the figures
    JsonNode figures = report.get("figures");
    assertThat(figure("cases")).isEqualTo(figures.get("cases").asText());
    assertThat(figure("firstResponseAttainment")).isEqualTo(Math.round(figures.get("firstResponseAttainment").asDouble() * 100) + " %");
    assertThat(figure("averageResponseScore")).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f",
        figures.get("averageResponseScore").asDouble()));
    assertThat(figure("nearLate")).isEqualTo(report.get("nearLimit").size() + " / " + report.get("late").size());
    // the seller table
    List<WebElement> sellers = browser.findElements(By.cssSelector("table.aftersales-sellers tbody tr"));
    assertThat(sellers).hasSize(report.get("sellers").size()).isNotEmpty();
    JsonNode s77 = report.get("sellers").get(0);
    List<String> cells = sellers.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(cells.subList(0, 5)).containsExactly("1", "S-77", s77.get("cases").asText(), s77.get("complaints").asText(),
        Math.round(s77.get("complaintRate").asDouble() * 100) + " %");
    assertThat(cells.get(11)).isEqualTo(Math.round(s77.get("firstResponseOnTime").asDouble() * 100) + " %");
    // readable charts: axes with a unit and the values over the bars
    assertThat(plugin.findElements(By.cssSelector("svg.aftersales-chart-volume rect"))).isNotEmpty();
    assertThat(plugin.findElement(By.cssSelector("svg.aftersales-chart-volume .aftersales-unit")).getText()).isEqualTo("cases");
    assertThat(plugin.findElements(By.cssSelector("svg.aftersales-chart-volume .aftersales-bar-value"))).isNotEmpty();
    // times in the business zone, for people
    assertThat(late.getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(China time\\)");
    // in Chinese when the browser's first language is Chinese
    script().executeScript("Object.defineProperty(navigator, 'languages', {get: () => ['zh-CN', 'zh']});");
    choose("interval", "WEEK");
    WebElement chinese = waitFor("cockpit-chinese", ExpectedConditions.presenceOfElementLocated(
        By.xpath("//h4[text()='已超时或即将超时的工单']")));
    assertThat(chinese.isDisplayed()).isTrue();
    WebElement lateInChinese = browser.findElement(By.cssSelector("tr.aftersales-late[data-case='" + caseId + "']"));
    assertThat(lateInChinese.findElement(By.cssSelector(".aftersales-target")).getText()).isEqualTo("首次响应");
    assertThat(lateInChinese.findElement(By.cssSelector(".aftersales-over")).getText()).startsWith("超时 ").contains("小时");
    assertThat(lateInChinese.getText()).contains("(北京时间)");
    // a read-only manager is not offered Cockpit's retry, variable editing, cancelling or suspending
    assertThat(String.valueOf(script().executeScript("return document.getElementById('aftersales-rights').textContent")))
        .contains("openJobRetryDialog", "deleteVariable", "openSuspensionStateDialog", "a.btn-toolbar");
  }

  String figure(String key) {
    return browser.findElement(By.cssSelector("table.aftersales-figures tr[data-figure='" + key + "'] td")).getText();
  }

  /** Designers may not read the figures: no box on the dashboard, no tab on a flow, no error either. */
  @Test
  void theDesignerSeesNoServiceFiguresAndNoBrokenBox() {
    logIn("cockpit", "designer");
    waitFor("cockpit-designer-dashboard", ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-plugin-id='aftersales.sla.dashboard'].aftersales-hidden")));
    assertThat(browser.findElements(By.cssSelector("section.aftersales-sla"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".aftersales-error"))).isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Service figures", "403");
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("return-request")
        .latestVersion().singleResult().getId();
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime");
    waitFor("cockpit-designer-tabs", driver -> {
      List<WebElement> tabs = driver.findElements(By.cssSelector(".nav-tabs > li"));
      return tabs.size() > 1 && tabs.stream().noneMatch(tab -> tab.isDisplayed() && tab.getText().contains("Service figures"));
    });
  }

  /**
   * With the network cut the plugin says so and offers a retry (no endless "Loading…"); a server error reads as one,
   * not as a permission problem; once the server answers again, the retry shows the figures.
   */
  @Test
  void networkAndServerErrorsAreToldWithARetry() {
    logIn("cockpit", "manager");
    waitFor("cockpit-figures", ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.aftersales-figures")));
    script().executeScript("window.realFetch = window.fetch; window.fetch = (url, options) => "
        + "String(url).includes('/api/reports/sla') ? Promise.reject(new TypeError('Failed to fetch')) : window.realFetch(url, options);");
    choose("interval", "WEEK");
    WebElement cut = waitFor("cockpit-network", ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".aftersales-error[data-kind='network']")));
    assertThat(cut.getText()).contains("could not be reached", "Try again");
    script().executeScript("window.fetch = (url, options) => String(url).includes('/api/reports/sla') ? Promise.resolve("
        + "new Response(JSON.stringify({title: 'Internal Server Error', status: 500}), {status: 500,"
        + " headers: {'Content-Type': 'application/problem+json'}})) : window.realFetch(url, options);");
    click(cut.findElement(By.cssSelector("button.aftersales-retry")));
    WebElement failed = waitFor("cockpit-server-error", ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".aftersales-error[data-kind='server']")));
    assertThat(failed.getText()).contains("could not compute the figures (500").doesNotContain("may not", "not available to you");
    script().executeScript("window.fetch = window.realFetch;");
    click(failed.findElement(By.cssSelector("button.aftersales-retry")));
    waitFor("cockpit-retried", ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.aftersales-figures")));
    assertThat(browser.manage().logs().get("browser").getAll()).noneMatch(entry -> entry.getMessage().contains("Uncaught"));
  }

  @Test
  void theAgentSeesTheOverdueReviewUnderTheOverdueFilterInTasklist() {
    logIn("tasklist", "agent");
    WebElement overdue = waitFor("tasklist-filters", ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filters')]//a[contains(normalize-space(.),'Overdue')]")));
    overdue.click();
    waitFor("tasklist-tasks", ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[contains(@class,'tasks-list')]//*[contains(normalize-space(.),'审核退货申请')]")));
    List<WebElement> tasks = browser.findElements(By.xpath("//*[contains(@class,'tasks-list')]//li"));
    assertThat(tasks).isNotEmpty();
    assertThat(browser.findElement(By.xpath("//*[contains(@class,'tasks-list')]")).getText()).contains("审核退货申请");
  }

  @Test
  void theAgentClaimsAReviewFillsItsFormAndTheCaseMovesOn() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    String fresh = flow.open(ReturnFlowDriver.with("description", "Wrong colour, unopened"));
    String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(fresh).singleResult().getId();
    // the customer's photo, through the shop
    org.aftersales.TestHttp.Response photo = flow.http().postMultipart("/api/cases/" + fresh + "/documents", "shop",
        List.of(org.aftersales.TestHttp.Part.file("file", "wrong-colour.png", "image/png",
            png())),
        java.util.Map.of("X-Customer-Id", flow.view(fresh).get("customerId").asText()));
    assertThat(photo.status()).as(photo.body()).isEqualTo(201);
    logIn("tasklist", "agent");
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    // press Claim until the engine has the agent as assignee
    waitFor("tasklist-claim", driver -> {
      if ("agent".equals(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())) {
        return true;
      }
      driver.findElements(By.xpath("//button[normalize-space(.)='Claim']")).stream().filter(WebElement::isDisplayed)
          .findFirst().ifPresent(this::click);
      return false;
    });
    // Tasklist keeps the form disabled until it has reloaded the claimed task
    By reject = By.xpath("//*[contains(@class,'fjs-form')]//label[contains(normalize-space(.),'Reject with a reason')]");
    waitFor("tasklist-claimed", driver -> {
      List<WebElement> wrapper = driver.findElements(By.cssSelector("div[ng-if='tasklistForm.type']"));
      return !wrapper.isEmpty() && !wrapper.get(0).getAttribute("class").contains("disabled-form")
          && !driver.findElements(reject).isEmpty();
    });
    // the case summary and history are on the form, read-only
    waitFor("tasklist-summary", driver -> driver.findElement(By.cssSelector(".fjs-form")).getText().contains("处理记录"));
    assertThat(browser.findElement(By.xpath("//label[contains(normalize-space(.),'案件概要')]/following::textarea[1]"))
        .getAttribute("value")).contains("服务单 " + fresh);
    assertThat(browser.findElement(By.xpath("//label[contains(normalize-space(.),'客户描述')]/following::textarea[1]"))
        .getAttribute("value")).contains("Wrong colour, unopened");
    // the photo is a link on the form, and the agent's Tasklist login opens it
    WebElement link = browser.findElement(By.xpath("//*[contains(@class,'fjs-form')]//a[contains(normalize-space(.),'wrong-colour')]"));
    assertThat(link.getAttribute("href")).contains("/api/cases/" + fresh + "/documents/");
    Object status = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("var done = arguments[1];"
        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status + ' ' + r.headers.get('Content-Type')));",
        link.getAttribute("href"));
    assertThat(String.valueOf(status)).isEqualTo("200 image/png");
    // a rejection needs a reason: the form does not complete without one
    By reasonField = By.xpath("//label[contains(normalize-space(.),'给客户的拒绝理由')]/following::textarea[1]");
    waitFor("tasklist-reason", driver -> {
      if (driver.findElements(reasonField).stream().anyMatch(WebElement::isDisplayed)) {
        return true;
      }
      click(driver.findElement(reject).findElement(By.tagName("input")));
      return false;
    });
    By complete = By.xpath("//button[normalize-space(.)='Complete']");
    click(browser.findElement(complete));
    waitFor("tasklist-required", driver -> driver.findElement(By.cssSelector(".fjs-form")).getText().contains("required"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    type(browser.findElement(reasonField), "Opened items in this category cannot be returned");
    // press Complete until the engine has the task completed (a press while the form still settles is ignored)
    waitFor("tasklist-completed", driver -> {
      if (engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
        return true;
      }
      driver.findElements(complete).stream().filter(WebElement::isEnabled).findFirst().ifPresent(this::click);
      return false;
    });
    flow.runDueJobs();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("agent");
    assertThat(flow.view(fresh).get("outcome").asText()).isEqualTo("REJECTED");
  }
}
