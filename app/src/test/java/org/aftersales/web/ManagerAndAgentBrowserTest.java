package org.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * this test left unanswered for three days among the late cases, linked to its process instance; an agent
 * logs into Tasklist and finds that case's review task under the overdue filter.
 */
@AfterSalesIntegrationTest
@Isolated // moves the engine clock and keeps the job executor off
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
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

  @Test
  void theManagerSeesTheServiceFiguresWithTheLateCaseInCockpit() {
    logIn("cockpit", "manager");
    WebElement plugin = waitFor("cockpit-dashboard", ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.aftersales-sla")));
    WebElement late = waitFor("cockpit-late", ExpectedConditions.presenceOfElementLocated(
        By.xpath("//a[contains(@class,'aftersales-late-case') and text()='" + caseId + "']")));
    assertThat(late.getAttribute("href")).contains("#/process-instance/");
    assertThat(plugin.getText()).contains("After-sales service figures", "First response on time", "Open cases by stage");
    assertThat(plugin.findElements(By.cssSelector("svg.aftersales-chart rect"))).isNotEmpty();
  }

  @Test
  void theAgentSeesTheOverdueReviewUnderTheOverdueFilterInTasklist() {
    logIn("tasklist", "agent");
    WebElement overdue = waitFor("tasklist-filters", ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filters')]//a[contains(normalize-space(.),'Overdue')]")));
    overdue.click();
    waitFor("tasklist-tasks", ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[contains(@class,'tasks-list')]//*[contains(normalize-space(.),'Review return request')]")));
    List<WebElement> tasks = browser.findElements(By.xpath("//*[contains(@class,'tasks-list')]//li"));
    assertThat(tasks).isNotEmpty();
    assertThat(browser.findElement(By.xpath("//*[contains(@class,'tasks-list')]")).getText()).contains("Review return request");
  }
}
