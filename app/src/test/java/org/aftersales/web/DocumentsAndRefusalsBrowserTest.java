package org.aftersales.web;

import static org.aftersales.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 18 in Debian's chromium-headless-shell with a zh-CN browser: an agent opens the case's photo from Tasklist's
 * documents tab in a new tab before claiming the review, then claims it, asks for a partial refund above what may
 * be refunded, and reads the refusal as one Chinese sentence next to the form, without engine codes; the task
 * stays open.
 */
@AfterSalesIntegrationTest
@Isolated // keeps the job executor off
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false"})
class DocumentsAndRefusalsBrowserTest {

  static final Path SHELL = Path.of("/usr/bin/chromium-headless-shell");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  WebDriver browser;
  WebDriverWait patience;

  @BeforeEach
  void startBrowser() {
    boolean installed = Files.isExecutable(SHELL) && Files.isExecutable(CHROMEDRIVER);
    if (Boolean.parseBoolean(System.getenv("AFTERSALES_TEST_REQUIRE_BROWSER"))) {
      assertThat(installed).as("Debian packages chromium-headless-shell and chromium-driver").isTrue();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed,
        "chromium-headless-shell or chromedriver not installed: browser test skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(SHELL.toFile());
    options.addArguments("--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
        "--lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
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

  Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  void click(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
  }

  void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/login");
    By name = By.cssSelector("form[name='signinForm'] input[type='text']");
    waitFor("login", ExpectedConditions.elementToBeClickable(name));
    browser.findElement(name).sendKeys(user);
    browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(user);
    // hand the typed values to the form's AngularJS model where a key event did not reach it, then submit
    script("var scope = angular.element(arguments[0]).scope(), user = arguments[1];"
        + "scope.$apply(function () { scope.username = user; scope.password = user; scope.login(); });",
        browser.findElement(By.cssSelector("form[name='signinForm']")), user);
    waitFor("logged-in", driver -> !driver.getCurrentUrl().contains("/login")
        && driver.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());
  }

  <T> T waitFor(String name, ExpectedCondition<T> condition) {
    try {
      return patience.until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        Files.writeString(Path.of("target", "browser18-" + name + ".html"), String.valueOf(browser.getPageSource()));
        Files.writeString(Path.of("target", "browser18-" + name + ".log"), browser.manage().logs().get("browser")
            .getAll().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("\n")));
      } catch (java.io.IOException ignored) {
        // only for a look after a failure
      }
      throw e;
    }
  }

  @Test
  void aDocumentOpensInANewTabBeforeClaimingAndARefusalIsASentenceNextToTheForm() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    String caseId = flow.open(ReturnFlowDriver.with("description", "屏幕有划痕"));
    String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
    TestHttp.Response photo = flow.http().postMultipart("/api/cases/" + caseId + "/documents", "shop",
        List.of(TestHttp.Part.file("file", "scratch.png", "image/png", png())),
        Map.of("X-Customer-Id", flow.view(caseId).get("customerId").asText()));
    assertThat(photo.status()).as(photo.body()).isEqualTo(201);

    logIn("agent");
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId
        + "&detailsTab=aftersales-documents");
    // the documents tab, in Chinese, before anyone has claimed the task
    By tab = By.xpath("//*[contains(@class,'nav-tabs')]//a[contains(normalize-space(.),'资料与照片')]");
    waitFor("documents-tab", driver -> {
      if (!driver.findElements(By.cssSelector("a.aftersales-document")).isEmpty()) {
        return true;
      }
      driver.findElements(tab).stream().findFirst().ifPresent(this::click);
      return false;
    });
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    WebElement link = browser.findElement(By.cssSelector("a.aftersales-document"));
    assertThat(link.getText()).isEqualTo("scratch.png");
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    String tasklistTab = browser.getWindowHandle();
    click(link);
    waitFor("new-tab", driver -> driver.getWindowHandles().size() == 2);
    List<String> handles = new ArrayList<>(browser.getWindowHandles());
    handles.remove(tasklistTab);
    browser.switchTo().window(handles.get(0));
    waitFor("document-opened", driver -> driver.getCurrentUrl().contains("/api/cases/" + caseId + "/documents/"));
    Object shown = script("return document.images.length ? document.images[0].naturalWidth : -1");
    assertThat(((Number) shown).intValue()).isPositive();
    browser.close();
    browser.switchTo().window(tasklistTab);
    assertThat(browser.getCurrentUrl()).contains("/camunda/app/tasklist/");

    // claim, ask for more than may be refunded, complete
    waitFor("claimed", driver -> {
      if ("agent".equals(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())) {
        return true;
      }
      driver.findElements(By.cssSelector("button.claim")).stream().filter(WebElement::isDisplayed).findFirst()
          .ifPresent(this::click);
      return false;
    });
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId + "&detailsTab=task-detail-form");
    By partial = By.xpath("//*[contains(@class,'fjs-form')]//label[contains(normalize-space(.),'artial refund')"
        + " or contains(normalize-space(.),'部分退款')]//input[@type='radio']");
    By amount = By.cssSelector(".fjs-form input[id$='Field_partialAmount']");
    waitFor("partial-amount", driver -> {
      List<WebElement> wrapper = driver.findElements(By.cssSelector("div[ng-if='tasklistForm.type']"));
      if (wrapper.isEmpty() || wrapper.get(0).getAttribute("class").contains("disabled-form")) {
        return false;
      }
      if (driver.findElements(amount).stream().anyMatch(WebElement::isDisplayed)) {
        return true;
      }
      driver.findElements(partial).stream().findFirst().ifPresent(this::click);
      return false;
    });
    // the form knows the most that may be refunded and stops 9999 before anything is sent
    By complete = By.cssSelector("button[ng-click='complete()']");
    enter(browser.findElement(amount), "9999");
    waitFor("form-limit", driver -> {
      if (driver.findElements(By.cssSelector(".fjs-form-field-error")).stream().anyMatch(e -> e.getText().contains("2999"))) {
        return true;
      }
      driver.findElements(complete).stream().filter(WebElement::isEnabled).findFirst().ifPresent(this::click);
      return false;
    });
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isOne();

    // the goods come back; the inspector records them as damaged, passed, with a full refund and no notes: the form
    // can only warn, and the engine's rule refuses with one sentence next to the form
    engine.getTaskService().complete(taskId, Map.of("reviewDecision", "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, "trackingNumber"), "DELIVERED");
    String inspection = flow.awaitTask(caseId, org.aftersales.returns.ReturnProcess.Element.INSPECT).getId();
    engine.getTaskService().claim(inspection, "inspector");
    browser.manage().deleteAllCookies();
    logIn("inspector");
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + inspection
        + "&detailsTab=task-detail-form");
    By condition = By.cssSelector(".fjs-form input[id*='Field_inspectionCondition']");
    waitFor("inspection-form", driver -> {
      List<WebElement> wrapper = driver.findElements(By.cssSelector("div[ng-if='tasklistForm.type']"));
      return !wrapper.isEmpty() && !wrapper.get(0).getAttribute("class").contains("disabled-form")
          && !driver.findElements(condition).isEmpty();
    });
    By passed = By.cssSelector(".fjs-form input[type='radio'][id*='Field_inspectionPassed'][id$='-0']");
    By damaged = By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(normalize-space(.),'商品破损')]");
    // the form's own warning shows once it holds "damaged" and "passed" with no deduction and no notes
    waitFor("damaged-and-passed", driver -> {
      if (driver.findElement(By.cssSelector(".fjs-form")).getText().contains("请先说明")) {
        return true;
      }
      WebElement radio = driver.findElement(passed);
      if (!radio.isSelected()) {
        click(radio);
      }
      List<WebElement> option = driver.findElements(damaged);
      if (option.isEmpty()) {
        // form-js's select opens its list on a mousedown on the field
        script("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true, cancelable: true}));",
            driver.findElement(By.cssSelector(".fjs-form-field-select .fjs-input-group")));
      } else {
        // ... and takes an option on mousedown
        script("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true, cancelable: true}));",
            option.get(0));
      }
      return false;
    });
    String sentence = "商品状况为“损坏”却验收通过并全额退款：请在备注中说明原因，或填写扣减金额，或选择验收不通过。";
    waitFor("refusal", driver -> {
      if (driver.getPageSource().contains(sentence)) {
        return true;
      }
      driver.findElements(complete).stream().filter(WebElement::isEnabled).findFirst().ifPresent(this::click);
      return false;
    });
    assertThat(browser.getPageSource()).doesNotContain("ENGINE-", "Cannot submit task form");
    assertThat(engine.getTaskService().createTaskQuery().taskId(inspection).count()).isOne();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("0.00");
  }

  /** Replaces a field's value, by typing or, where headless typing does not reach the form, as an input event. */
  private void enter(WebElement field, String value) {
    field.clear();
    field.sendKeys(value);
    if (!value.equals(field.getAttribute("value"))) {
      script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field,
          value);
    }
  }
}
