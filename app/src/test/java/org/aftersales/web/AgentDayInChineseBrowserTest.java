package org.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
 * An agent's day in Chinese, in Debian's Chromium headless shell with a zh-CN browser in Asia/Shanghai: the agent
 * logs into Tasklist by typing, sees Tasklist in Chinese, sees the group's review tasks as rows that name the case,
 * the customer and the amount, sorted by due date with the overdue one first and marked, finds a case by typing its
 * id into the search, claims its review, approves it on the form and completes it, and the case moves on to waiting
 * for the goods. A manager sees Cockpit's dashboard in Chinese. Screenshots of the list, the form and Cockpit go to
 * target/screenshots/.
 */
@AfterSalesIntegrationTest
@Isolated // moves the engine clock and keeps the job executor off
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // Cockpit's dashboard after the agent's cases
class AgentDayInChineseBrowserTest {

  /** Debian's chromium-headless-shell (where the package puts it), else the full chromium in new headless mode. */
  static final List<Path> HEADLESS_SHELL = List.of(Path.of("/usr/bin/chromium-headless-shell"),
      Path.of("/usr/lib/chromium/chromium-headless-shell"));
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String ZONE = "Asia/Shanghai";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  ReturnFlowDriver flow;
  WebDriver browser;
  WebDriverWait patience;
  String overdue;
  String phone;
  String kettle;

  @BeforeEach
  void aZhCnBrowserInShanghai() throws IOException {
    Path binary = HEADLESS_SHELL.stream().filter(Files::isExecutable).findFirst().orElse(null);
    boolean shell = binary != null;
    if (!shell && Files.isExecutable(CHROMIUM)) {
      System.out.println("chromium-headless-shell not installed (apt-get install chromium-headless-shell): "
          + "falling back to " + CHROMIUM + " in new headless mode, which may drop typed keys");
      binary = CHROMIUM;
    }
    boolean installed = binary != null && Files.isExecutable(CHROMEDRIVER);
    if (Boolean.parseBoolean(System.getenv("AFTERSALES_TEST_REQUIRE_BROWSER"))) {
      assertThat(installed).as("Debian packages chromium-headless-shell (or chromium) and chromium-driver").isTrue();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed, "Chromium or chromedriver not installed "
        + "(apt-get install chromium-headless-shell chromium-driver): browser test skipped");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.toFile());
    if (!shell) {
      options.addArguments("--headless=new");
    }
    options.addArguments("--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1600,1000",
        "--lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .withEnvironment(Map.of("TZ", ZONE)).build(), options);
    // the headless shell ignores --lang and the pref: the browser's languages as a zh-CN browser sends them,
    // navigator.languages and Accept-Language (what Camunda's webapps pick their locale from), and its locale
    ChromeDriver chrome = (ChromeDriver) browser;
    String agent = String.valueOf(chrome.executeScript("return navigator.userAgent"));
    chrome.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "zh-CN,zh"));
    chrome.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "zh-CN"));
    patience = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void theAgentFindsSortsAndCompletesAReviewInChinese() {
    flow = new ReturnFlowDriver(port, engine);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ClockUtil.setCurrentTime(Date.from(now.minusDays(3).toInstant()));
    try {
      overdue = flow.open(ReturnFlowDriver.with("deliveredAt", now.minusDays(5).withNano(0).toString(),
          "paidAmount", "2999.00", "contact", Map.of("name", "王小明", "phone", "+86 138 0000 1234")));
    } finally {
      ClockUtil.reset();
    }
    phone = flow.open(ReturnFlowDriver.with("paidAmount", "1288.00",
        "items", List.of(Map.of("sku", "PHONE-Y", "name", "手机 Y", "quantity", 1, "unitPrice", "1288.00")),
        "contact", Map.of("name", "李娜", "phone", "+86 139 0000 5678")));
    kettle = flow.open(ReturnFlowDriver.with("paidAmount", "199.00",
        "items", List.of(Map.of("sku", "KETTLE-1", "name", "电水壶", "quantity", 1, "unitPrice", "199.00")),
        "contact", Map.of("name", "张伟", "phone", "+86 137 0000 9999")));

    logIn("tasklist", "agent");
    assertThat(script("return navigator.languages")).isEqualTo(List.of("zh-CN", "zh"));
    assertThat(script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(ZONE);

    // Tasklist in Chinese: its menus
    waitFor("tasklist-chinese", ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "启动流程"));
    assertThat(browser.findElement(By.cssSelector("body")).getText()).contains("创建任务", "启动流程");

    // the group's reviews, most urgent first: sorted by due date, the overdue one first and marked
    By rows = By.cssSelector("ol.tasks-list > li.task");
    waitFor("tasklist-rows", driver -> rowsNaming(driver, rows, overdue, phone, kettle));
    assertThat(URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8))
        .contains("\"sortBy\":\"dueDate\"", "\"sortOrder\":\"asc\"");
    assertThat(browser.findElement(By.cssSelector("[cam-sorting-choices]")).getText()).contains("到期时间");
    List<String> shown = browser.findElements(rows).stream().map(WebElement::getText)
        .map(this::caseIn).filter(id -> id != null).toList();
    assertThat(shown).as("rows in the order of the engine's due dates").containsExactlyElementsOf(byDueDate(shown));
    assertThat(shown.get(0)).isEqualTo(overdue);
    WebElement first = browser.findElements(rows).get(0);
    assertThat(first.getText()).contains("审核退货申请 · " + overdue + " · 王小明 · ¥2,999.00");
    assertThat(first.findElements(By.cssSelector(".due-date.overdue"))).hasSize(1);
    assertThat(first.findElement(By.cssSelector(".due-date.overdue")).getText()).as("due a day ago").matches("到期\\s*1 天前");
    assertThat(script("return getComputedStyle(arguments[0], '::before').content",
        first.findElement(By.cssSelector(".due-date.overdue")))).isEqualTo("\"已逾期\"");
    assertThat(browser.findElements(rows).stream().filter(r -> r.getText().contains(phone)).findFirst().orElseThrow()
        .getText()).contains("审核退货申请 · " + phone + " · 李娜 · ¥1,288.00");
    screenshot("tasklist-agent-list");

    // finds a case by typing its id into the search
    WebElement search = waitFor("tasklist-search", ExpectedConditions.elementToBeClickable(
        By.cssSelector(".tasks-list-search input.main-field, [cam-widget-search] input.main-field")));
    search.sendKeys(phone);
    search.sendKeys(Keys.ENTER);
    waitFor("tasklist-found", driver -> {
      List<WebElement> found = driver.findElements(rows);
      return found.size() == 1 && found.get(0).getText().contains(phone);
    });

    // opens it, claims it and approves it on the form
    String taskId = reviewOf(phone).getId();
    String stageBefore = flow.view(phone).get("stage").asText();
    click(browser.findElement(rows).findElement(By.cssSelector("h4.task a")));
    waitFor("tasklist-claim", driver -> {
      if ("agent".equals(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())) {
        return true;
      }
      driver.findElements(By.xpath("//button[normalize-space(.)='认领']")).stream().filter(WebElement::isDisplayed)
          .findFirst().ifPresent(this::click);
      return false;
    });
    By approve = By.cssSelector(".fjs-form input[type='radio'][id$='-" + optionOf("forms/review-request.form",
        "reviewDecision", "APPROVE") + "']");
    waitFor("tasklist-form", driver -> {
      List<WebElement> wrapper = driver.findElements(By.cssSelector("div[ng-if='tasklistForm.type']"));
      return !wrapper.isEmpty() && !wrapper.get(0).getAttribute("class").contains("disabled-form")
          && !driver.findElements(approve).isEmpty();
    });
    assertThat(browser.findElements(By.xpath("//h2[contains(normalize-space(.), '审核退货申请 · " + phone + "')]")))
        .as("the task's title names the case").isNotEmpty();
    By complete = By.xpath("//button[normalize-space(.)='完成']");
    assertThat(browser.findElements(complete)).as("Camunda's own form buttons in Chinese").isNotEmpty();
    assertThat(browser.findElements(By.xpath("//button[normalize-space(.)='保存']"))).isNotEmpty();
    click(browser.findElement(approve));
    screenshot("tasklist-review-form");
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
    assertThat(engine.getRuntimeService().getActiveActivityIds(flow.instance(phone).getId()))
        .as("approved: the case has moved on from the review").isNotEmpty()
        .doesNotContain(ReturnProcess.Element.REVIEW);
    assertThat(flow.view(phone).get("stage").asText()).isNotEqualTo(stageBefore);
    assertThat(flow.view(phone).get("outcome").isNull()).as("still open").isTrue();
  }

  @Test
  @Order(2)
  void theManagerSeesCockpitInChinese() {
    logIn("cockpit", "manager");
    waitFor("cockpit-chinese", ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "流程"));
    String page = browser.findElement(By.cssSelector("body")).getText();
    assertThat(page).contains("流程", "决策", "人工任务", "运行中的流程实例", "未完成的人工任务", "未解决的异常");
    screenshot("cockpit-manager-dashboard");
  }

  /** Logs in by typing the user and the password into the login form and pressing its button. */
  void logIn(String app, String user) {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/#/login");
    By name = By.cssSelector("form[name='signinForm'] input[type='text']");
    By password = By.cssSelector("form[name='signinForm'] input[type='password']");
    waitFor(app + "-login", ExpectedConditions.elementToBeClickable(name));
    assertThat(browser.findElement(By.cssSelector("form[name='signinForm']")).getText()).contains("登录");
    browser.findElement(name).sendKeys(user);
    browser.findElement(password).sendKeys(user);
    assertThat(browser.findElement(name).getAttribute("value")).as("typed").isEqualTo(user);
    browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    waitFor(app + "-logged-in", driver -> !driver.getCurrentUrl().contains("/login")
        && driver.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());
  }

  /** The end of the id form-js gives the radio button of {@code value}: the field's id and the option's index. */
  static String optionOf(String form, String key, String value) {
    try (java.io.InputStream in = AgentDayInChineseBrowserTest.class.getClassLoader().getResourceAsStream(form)) {
      // the field wherever it is (groups nest fields)
      for (com.fasterxml.jackson.databind.JsonNode field : new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)
          .findParents("key")) {
        if (key.equals(field.path("key").asText())) {
          List<String> values = field.path("values").findValuesAsText("value");
          assertThat(values).as("options of %s in %s", key, form).contains(value);
          return field.path("id").asText() + "-" + values.indexOf(value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError(form + " has no field " + key);
  }

  private boolean rowsNaming(WebDriver driver, By rows, String... caseIds) {
    String text = driver.findElements(rows).stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    return Stream.of(caseIds).allMatch(text::contains);
  }

  private String caseIn(String row) {
    return Stream.of(overdue, phone, kettle).filter(row::contains).findFirst().orElse(null);
  }

  private List<String> byDueDate(List<String> caseIds) {
    return caseIds.stream().sorted(Comparator.comparing((String id) -> reviewOf(id).getDueDate())).toList();
  }

  private Task reviewOf(String caseId) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey(ReturnProcess.Element.REVIEW).singleResult();
  }

  private Object script(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Clicks through the element's own click handling, scrolled into the middle of the window. */
  private void click(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
  }

  private void screenshot(String name) {
    try {
      Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the page, its console and a screenshot for a look when a wait fails. */
  private <T> T waitFor(String name, ExpectedCondition<T> condition) {
    try {
      return patience.until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        Files.writeString(Path.of("target", "browser-" + name + ".html"), String.valueOf(browser.getPageSource()));
        Files.writeString(Path.of("target", "browser-" + name + ".log"), browser.manage().logs().get("browser").getAll()
            .stream().map(String::valueOf).collect(Collectors.joining("\n")));
        screenshot("failed-" + name);
      } catch (IOException | RuntimeException ignored) {
        // only for a look after a failure
      }
      throw e;
    }
  }
}
