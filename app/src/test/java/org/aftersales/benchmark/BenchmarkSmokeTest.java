package org.aftersales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A short run of the benchmark's machinery in the normal suite, on H2: a few dozen cases of the full flow and of the
 * bare flow, a few of the bare flow with a real case's variables, and the raw commit loop, each checked for the right
 * outcome (every case refunded in full and its process ended, every bare case at its refunded end with the real
 * flow's variables where asked for, every committed row in the table) and for counted statements and commits;
 * then the growth run's filling (a few copies of three cases) and the load generator's CPU told apart, and one
 * configuration (the raw loop only) in a JVM of its own.
 * No timings are asserted: the machine running the suite may be busy.
 */
@Isolated // starts an application of its own
class BenchmarkSmokeTest {

  static final int CASES = 24;
  static BenchmarkSettings settings;
  static BenchmarkApp app;

  @BeforeAll
  static void start() {
    settings = BenchmarkSettings.from(name -> switch (name) {
      case "cases" -> String.valueOf(CASES);
      case "concurrency" -> "8";
      case "openers" -> "2";
      case "workers" -> "2";
      case "drain" -> "PT120S";
      default -> null;
    });
    app = BenchmarkApp.start("h2", "full", "shipped", settings);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void everyCaseOfTheFullFlowIsRefundedInFullAndEnds() throws InterruptedException {
    Set<String> cases;
    CaseLoad.Result result;
    long simulatorsBefore = SimulatorRequests.cpuNanos();
    try (CaseLoad load = new CaseLoad(app, new FullFlow(app.port(), app.engine()), settings)) {
      result = load.runCases(CASES);
      cases = load.openedKeys();
    }

    assertThat(cases).hasSize(CASES);
    assertThat(result.completed()).isEqualTo(CASES);
    assertThat(result.openSamples()).isEqualTo(CASES);
    // the web server's time for the simulators' bookings and refund requests is seen, and counted as the benchmark's
    assertThat(SimulatorRequests.cpuNanos()).isGreaterThan(simulatorsBefore);
    assertThat(result.benchCpuMsPerCase()).isPositive();
    assertThat(result.statementsPerCase()).isGreaterThan(result.commitsPerCase());
    assertThat(result.commitsPerCase()).isGreaterThanOrEqualTo(5); // open, review, inspection and the async steps
    TestHttp http = TestHttp.on(app.port());
    PaymentSimulator payments = app.bean(PaymentSimulator.class);
    HistoryService history = app.engine().getHistoryService();
    for (String caseId : cases) {
      JsonNode view = ReturnFlowDriver.read(http.get("/api/cases/" + caseId, "shop"));
      assertThat(view.get("status").asText()).as(caseId).isEqualTo("CLOSED");
      assertThat(view.get("outcome").asText()).as(caseId).isEqualTo("REFUNDED");
      assertThat(view.get("refundedAmount").asText()).as(caseId).isEqualTo(FullFlow.PAID);
      assertThat(payments.totalSucceeded(caseId)).as(caseId).isEqualByComparingTo(FullFlow.PAID);
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
          .processDefinitionKey(ReturnProcess.KEY).singleResult();
      assertThat(instance.getEndTime()).as(caseId).isNotNull();
      assertThat(instance.getEndActivityId()).as(caseId).isEqualTo(ReturnProcess.Element.END_REFUNDED);
    }
  }

  @Test
  void everyCaseOfTheBareFlowEndsRefunded() throws InterruptedException {
    Set<String> cases;
    CaseLoad.Result result;
    try (CaseLoad load = new CaseLoad(app, new BareFlow(app.engine()), settings)) {
      result = load.runCases(CASES);
      cases = load.openedKeys();
    }

    assertThat(cases).hasSize(CASES);
    assertThat(result.completed()).isEqualTo(CASES);
    assertThat(result.commitsPerCase()).isGreaterThanOrEqualTo(5);
    HistoryService history = app.engine().getHistoryService();
    for (String key : cases) {
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
          .processDefinitionKey(BareFlow.KEY).singleResult();
      assertThat(instance.getEndActivityId()).as(key).isEqualTo(BareFlow.END);
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
          .processDefinitionKey(BareFlow.REFUND_KEY).finished().count()).as(key).isOne();
    }
  }

  @Test
  void theBareFlowWithCaseDataEndsRefundedAndKeepsTheVariablesOfARealCase() throws InterruptedException {
    Set<String> full;
    try (CaseLoad load = new CaseLoad(app, new FullFlow(app.port(), app.engine()), settings)) {
      load.runCases(2);
      full = load.openedKeys();
    }
    Set<String> bare;
    CaseLoad.Result result;
    BareFlow flow = BareFlow.withCaseData(app.engine());
    try (CaseLoad load = new CaseLoad(app, flow, settings)) {
      result = load.runCases(4);
      bare = load.openedKeys();
    }

    assertThat(flow.label()).isEqualTo("bare-data");
    assertThat(result.completed()).isEqualTo(4);
    HistoryService history = app.engine().getHistoryService();
    for (String key : bare) {
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
          .processDefinitionKey(BareFlow.KEY).singleResult().getEndActivityId()).as(key).isEqualTo(BareFlow.END);
    }
    // the same variables, by name and type, in the return process and in the refund it calls, as a real case keeps
    // (a change to the real flow's variables shows here: keep BareFlow's case data in step)
    JdbcTemplate jdbc = new JdbcTemplate(app.pool());
    String real = full.iterator().next();
    String copy = bare.iterator().next();
    assertThat(variables(jdbc, copy, BareFlow.KEY)).isEqualTo(variables(jdbc, real, FullFlow.KEY)).hasSize(17);
    assertThat(variables(jdbc, copy, BareFlow.REFUND_KEY)).isEqualTo(variables(jdbc, real, "refund-payment"))
        .hasSize(4);
  }

  /** Name and type of each variable the case's process of that key kept, sorted. */
  private static List<String> variables(JdbcTemplate jdbc, String businessKey, String processKey) {
    return jdbc.queryForList("SELECT v.NAME_ || ':' || v.VAR_TYPE_ FROM ACT_HI_VARINST v JOIN ACT_HI_PROCINST p "
        + "ON p.PROC_INST_ID_ = v.PROC_INST_ID_ WHERE p.BUSINESS_KEY_ = ? AND p.PROC_DEF_KEY_ = ? ORDER BY 1",
        String.class, businessKey, processKey);
  }

  @Test
  void theRawLoopCommitsEveryRow() throws InterruptedException {
    RawCommitLoop.Result result = new RawCommitLoop(app.pool()).run(3, Duration.ZERO, 40);

    assertThat(result.commits()).isEqualTo(120);
    assertThat(result.rows()).isEqualTo(120);
  }

  @Test
  void theGrowthRunCopiesFinishedCasesWithHistoryAndTimersAndCasesStillRun() throws InterruptedException {
    BenchmarkSettings growth = BenchmarkSettings.from(name -> switch (name) {
      case "cases" -> "1";
      case "growth-seed" -> "3";
      case "growth-cases" -> "9";
      case "concurrency" -> "3";
      case "openers" -> "1";
      case "workers" -> "2";
      case "drain" -> "PT120S";
      default -> null;
    });
    JdbcTemplate jdbc = new JdbcTemplate(app.pool());
    long casesBefore = count(jdbc, "SELECT COUNT(*) FROM as_case");
    long finishedBefore = count(jdbc, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = '" + FullFlow.KEY
        + "' AND END_TIME_ IS NOT NULL");

    long copies = Benchmark.grow(app, growth);

    assertThat(copies).isEqualTo(2);
    assertThat(count(jdbc, "SELECT COUNT(*) FROM as_case")).isEqualTo(casesBefore + 9);
    assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = '" + FullFlow.KEY
        + "' AND END_TIME_ IS NOT NULL")).isEqualTo(finishedBefore + 9);
    // each copy has the seed's history and its follow-up timers, under ids of its own
    for (String table : List.of("ACT_HI_VARINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_RU_JOB")) {
      long first = count(jdbc, "SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ LIKE '%" + GrowthFill.tag(1) + "'");
      assertThat(first).as(table).isPositive();
      assertThat(count(jdbc, "SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ LIKE '%" + GrowthFill.tag(2) + "'"))
          .as(table).isEqualTo(first);
    }
    assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE ROOT_PROC_INST_ID_ LIKE '%" + GrowthFill.tag(1)
        + "' AND TYPE_ <> 'timer'")).isZero();
    assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_HI_PROCINST p JOIN as_case c ON c.case_id = p.BUSINESS_KEY_ "
        + "WHERE p.BUSINESS_KEY_ LIKE '%-" + GrowthFill.tag(2) + "'")).isPositive();

    // new cases still run to the end on the grown database; the load generator's own CPU is told apart
    CaseLoad.Result result;
    try (CaseLoad load = new CaseLoad(app, new FullFlow(app.port(), app.engine()), growth)) {
      result = load.runCases(2);
    }
    assertThat(result.completed()).isEqualTo(2);
    assertThat(result.benchCpuMsPerCase()).isPositive();
    assertThat(result.appCpuMsPerCase()).isLessThan(result.jvmCpuMsPerCase());
  }

  @Test
  void aConfigurationRunsInAJvmOfItsOwnAndComesBackIntoTheReport() throws InterruptedException {
    Map<String, String> given = Map.of("benchmark.flows", "raw", "benchmark.raw-threads", "2",
        "benchmark.raw-duration", "PT1S", "benchmark.cases", "1");
    given.forEach(System::setProperty);
    BenchmarkReport report = new BenchmarkReport(settings);
    try {
      BenchmarkFork.run("h2", "audit", "shipped", report);
    } finally {
      given.keySet().forEach(System::clearProperty);
    }

    assertThat(report.rows()).singleElement().satisfies(row -> {
      assertThat(row.database() + "/" + row.history() + "/" + row.variant() + "/" + row.flow())
          .isEqualTo("h2/audit/shipped/raw");
      assertThat(row.completed()).isPositive();
    });
    assertThat(report.applications()).startsWith("h2\taudit\tshipped\tH2 ").contains("history audit");
  }

  private static long count(JdbcTemplate jdbc, String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }
}
