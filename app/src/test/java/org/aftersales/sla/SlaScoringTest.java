package org.aftersales.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.complaint.ComplaintProcess;
import org.aftersales.followup.FollowUpProcess;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Scores computed from Camunda's history for two complaints with known times, on the around-the-clock default
 * and on office hours (09:00-18:00 Monday to Friday, Shanghai), against hand-computed figures; then the
 * report API over the same two cases, and its access rules.
 *
 * <p>Case A: opened Monday 2 Nov 09:30, decided 12:30 (3 h: score 80, good), then waits 7 days for an
 * appeal that does not come (the customer's time) and closes: resolution 3 h either way. Case B: opened
 * Friday 6 Nov 17:00, decided Monday 9 Nov 10:00: 65 h around the clock (60, poor), 2 working hours (90,
 * good); it waits for an appeal, so it is open.
 */
@AfterSalesIntegrationTest
@Isolated // moves the engine clock; its own settings make a second engine
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaScoringTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired SlaCalculator calculator;
  @Autowired CaseRepository records;
  @Autowired CaseCosts costs;
  ReturnFlowDriver flow;
  TestHttp http;
  final String seller = "S-SLA-" + UUID.randomUUID().toString().substring(0, 6);
  String caseA;
  String caseB;

  @BeforeAll
  void twoComplaintsWithKnownTimes() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
    caseA = complaint("2026-11-02T09:30+08:00", "2026-11-02T12:30+08:00");
    ProcessInstance a = flow.instance(caseA, ComplaintProcess.KEY);
    clock("2026-11-09T12:31+08:00");
    flow.fireTimer(caseA, ComplaintProcess.Element.APPEAL_WINDOW_CLOSED);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(a.getId()).count()).isZero();
    // three days on, the follow-up survey: 90, 80, 100, 80, 90 (overall 88.00)
    clock("2026-11-12T12:31+08:00");
    flow.fireTimer(caseA, FollowUpProcess.Element.SURVEY_DELAY);
    TestHttp.Response survey = http.send("POST", "/api/cases/" + caseA + "/survey", "shop", "application/json",
        "{\"responseSpeed\":90,\"problemSolving\":80,\"attitude\":100,\"communication\":80,\"followUp\":90}",
        Map.of("X-Customer-Id", records.find(caseA).orElseThrow().customerId(), "Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(survey.status()).as(survey.body()).isEqualTo(200);
    // what handling A cost: postage we paid, and a fee the customer paid
    costs.record(caseA, CaseCosts.Category.LOGISTICS, "Courier for the evidence", new BigDecimal("12.50"), "CNY",
        CaseCosts.BorneBy.US);
    costs.record(caseA, CaseCosts.Category.DIAGNOSIS, "Inspection fee", new BigDecimal("30.00"), "CNY",
        CaseCosts.BorneBy.CUSTOMER);
    caseB = complaint("2026-11-06T17:00+08:00", "2026-11-09T10:00+08:00");
    clock("2026-11-09T11:00+08:00");
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  void clock(String at) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(at).toInstant()));
  }

  /** Opens a complaint at {@code opened}; the seller answers at once; a handler decides at {@code decided}. */
  String complaint(String opened, String decided) {
    String caseId = openComplaint(seller, opened);
    decideComplaint(caseId, decided, ComplaintProcess.Var.DECISION, "DISMISSED",
        ComplaintProcess.Var.DECISION_REASONS, "The chat shows polite answers");
    return caseId;
  }

  /** Opens a complaint against {@code sellerId} at {@code opened}, and the seller answers at once. */
  String openComplaint(String sellerId, String opened, Object... overrides) {
    clock(opened);
    Map<String, Object> request = new java.util.HashMap<>(ReturnFlowDriver.with("type", "COMPLAINT", "reason", "SERVICE",
        "sellerId", sellerId, "orderId", "O-" + UUID.randomUUID().toString().substring(0, 8), "paidAmount", "399.00",
        "productCategory", "HOME_APPLIANCES",
        "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00")),
        "deliveredAt", null, "complaint", Map.of("category", "SERVICE_ATTITUDE")));
    request.putAll(ReturnFlowDriver.with(overrides));
    String caseId = flow.open(request);
    flow.runDueJobs();
    // this test's seller has no login of its own: an agent records its statement, as staff do for a seller on the phone
    TestHttp.Response statement = http.postJson("/api/cases/" + caseId + "/seller-statement", "agent",
        "{\"sellerId\":\"" + sellerId + "\",\"statement\":\"We answered politely\"}");
    assertThat(statement.status()).as(statement.body()).isEqualTo(200);
    return caseId;
  }

  /** A complaint handler decides the complaint at {@code decided}. */
  void decideComplaint(String caseId, String decided, Object... decision) {
    clock(decided);
    var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey(ComplaintProcess.Element.INVESTIGATE).singleResult();
    engine.getTaskService().complete(task.getId(), ReturnFlowDriver.with(decision));
    flow.runDueJobs();
  }

  BusinessCalendar officeHours() {
    return new BusinessCalendar(new SlaProperties.Calendar(true, java.time.ZoneId.of("Asia/Shanghai"),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), List.of()));
  }

  @Test
  void aCaseAnsweredInThreeHoursScoresEightyAndTheAppealWaitIsTheCustomers() {
    CaseSla a = calculator.of(records.find(caseA).orElseThrow());
    assertThat(a.firstResponseMinutes()).isEqualTo(180);
    assertThat(a.responseScore()).isEqualTo(80);
    assertThat(a.responseGrade()).isEqualTo("GOOD");
    // 7 days and 1 minute open; 7 days of it waiting for the customer's appeal
    assertThat(a.customerWaitingMinutes()).isEqualTo(7 * 24 * 60 + 1);
    assertThat(a.resolutionMinutes()).isEqualTo(180);
    assertThat(a.responseOnTime()).isTrue();
    assertThat(a.resolvedOnTime()).isTrue();
  }

  /**
   * Issue 21: as the system (the metrics when a case closes) the calculator reads the case's history through a plain
   * native query; as a user through Camunda's query, which shows only what the user may read. A manager may read all
   * of it: both give the same figures.
   */
  @Test
  void asTheSystemAndAsAManagerTheFiguresAreTheSame() {
    for (String caseId : List.of(caseA, caseB)) {
      CaseRecord record = records.find(caseId).orElseThrow();
      assertThat(engine.getIdentityService().getCurrentAuthentication()).isNull();
      // the times only: the scores come from rule tables, which a manager may not evaluate (the report runs them as
      // the system)
      CaseSla asSystem = calculator.timesOnly(record);
      engine.getIdentityService().setAuthentication("manager", List.of("managers"));
      try {
        assertThat(calculator.timesOnly(record)).isEqualTo(asSystem);
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      if (caseId.equals(caseA)) {
        assertThat(asSystem.firstResponseMinutes()).isEqualTo(180);
      }
    }
  }

  @Test
  void overTheWeekendTheClockRunsOnlyInOfficeHours() {
    CaseSla around = calculator.of(records.find(caseB).orElseThrow());
    assertThat(around.firstResponseMinutes()).isEqualTo(65 * 60);
    assertThat(around.responseScore()).isEqualTo(60);
    assertThat(around.responseGrade()).isEqualTo("POOR");
    assertThat(around.responseOnTime()).isFalse();
    assertThat(around.resolutionMinutes()).isNull();

    CaseSla office = calculator.on(officeHours()).of(records.find(caseB).orElseThrow());
    assertThat(office.firstResponseMinutes()).isEqualTo(120);
    assertThat(office.responseScore()).isEqualTo(90);
    assertThat(office.responseGrade()).isEqualTo("EXCELLENT");
  }

  @Test
  void onOfficeHoursCaseAWaitsFortyFiveWorkingHoursAndTakesThree() {
    CaseSla a = calculator.on(officeHours()).of(records.find(caseA).orElseThrow());
    assertThat(a.firstResponseMinutes()).isEqualTo(180);
    // Monday 12:30 to the next Monday 12:31: 5.5 h + 4 x 9 h + 3.5 h + 1 min
    assertThat(a.customerWaitingMinutes()).isEqualTo(45 * 60 + 1);
    assertThat(a.resolutionMinutes()).isEqualTo(180);
  }

  @Test
  void theReportGivesTheSameFiguresToManagersOnly() {
    String query = "/api/reports/sla?from=2026-11-02&to=2026-11-10&sellerId=" + seller;
    TestHttp.Response response = http.get(query, "manager");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode report = ReturnFlowDriver.read(response);
    JsonNode figures = report.get("figures");
    assertThat(figures.get("cases").asInt()).isEqualTo(2);
    assertThat(figures.get("closed").asInt()).isEqualTo(1);
    assertThat(figures.get("firstResponseP50Minutes").asLong()).isEqualTo(180);
    assertThat(figures.get("firstResponseP90Minutes").asLong()).isEqualTo(3900);
    assertThat(figures.get("firstResponseAttainment").asDouble()).isEqualTo(0.5);
    assertThat(figures.get("averageResponseScore").asDouble()).isEqualTo(70.0);
    assertThat(figures.get("grades").get("GOOD").asInt()).isEqualTo(1);
    assertThat(figures.get("grades").get("POOR").asInt()).isEqualTo(1);
    assertThat(report.get("complaints").asInt()).isEqualTo(2);
    assertThat(report.get("secondComplaintRate").asDouble()).isZero();
    // B is open and past its first-response target: a late case
    assertThat(report.get("late").findValuesAsText("caseId")).containsExactly(caseB);
    assertThat(report.get("series").findValuesAsText("period")).contains("2026-11-02", "2026-11-06");

    TestHttp.Response weekly = http.get(query + "&interval=week&group=complaint-handlers", "manager");
    assertThat(ReturnFlowDriver.read(weekly).get("series").findValuesAsText("period")).containsExactly("2026-11-02", "2026-11-09");

    TestHttp.Response csv = http.get(query + "&format=csv", "manager");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines().toList()).hasSize(3).first().asString().startsWith("\uFEFFcaseId,type,status");
    assertThat(csv.body()).contains(caseA + ",COMPLAINT,CLOSED,\"Complaint not upheld\",DISMISSED," + seller).contains(",180,");
    assertThat(report.get("openByStage").findValuesAsText("stage")).containsExactly("Decided: complaint not upheld; open to appeal");
    assertThat(report.get("late").get(0).get("processInstanceId").asText()).isNotBlank();

    // satisfaction: A's survey; cost by product category: both cases are home appliances
    JsonNode satisfaction = report.get("satisfaction");
    assertThat(satisfaction.get("surveys").asInt()).isEqualTo(1);
    assertThat(satisfaction.get("averageOverall").asDouble()).isEqualTo(88.0);
    assertThat(satisfaction.get("averageByDimension").get("problemSolving").asDouble()).isEqualTo(80.0);
    assertThat(satisfaction.get("recoveries").asInt()).isZero();
    JsonNode cost = report.get("costs").get(0);
    assertThat(report.get("costs").size()).isEqualTo(1);
    assertThat(cost.get("productCategory").asText()).isEqualTo("HOME_APPLIANCES");
    assertThat(cost.get("cases").asInt()).isEqualTo(2);
    assertThat(cost.get("borneByUs").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(cost.get("chargedToCustomers").decimalValue()).isEqualByComparingTo("30.00");
    assertThat(cost.get("borneByUsByKind").get("LOGISTICS").decimalValue()).isEqualByComparingTo("12.50");
    JsonNode monday = report.get("series").get(0);
    assertThat(monday.get("period").asText()).isEqualTo("2026-11-02");
    assertThat(monday.get("averageSatisfaction").asDouble()).isEqualTo(88.0);
    assertThat(monday.get("costBorneByUs").get("CNY").decimalValue()).isEqualByComparingTo("12.50");

    TestHttp.Response one = http.get("/api/reports/cases/" + caseA + "/sla", "manager");
    assertThat(ReturnFlowDriver.read(one).get("responseScore").asInt()).isEqualTo(80);
  }

  @Test
  void anUnansweredCaseIsNearItsLimitAfterFourFifthsOfTheTargetAndLateAfterIt() {
    clock("2026-11-09T11:00+08:00");
    String caseC = flow.open(ReturnFlowDriver.with("sellerId", "S-OTHER", "paidAmount", "99.00",
        "deliveredAt", "2026-11-05T10:00:00+08:00",
        "items", List.of(Map.of("sku", "CUP-1", "name", "Cup", "quantity", 1, "unitPrice", "99.00"))));
    try {
      // 19 h 30 min of the 24 h first-response target have passed: near (from 19 h 12 min on)
      clock("2026-11-10T06:30+08:00");
      CaseSla near = calculator.of(records.find(caseC).orElseThrow());
      assertThat(near.responseOnTime()).isNull();
      assertThat(near.nearLimit()).isTrue();
      assertThat(near.openMinutes()).isEqualTo(19 * 60 + 30);
      clock("2026-11-10T11:01+08:00");
      CaseSla late = calculator.of(records.find(caseC).orElseThrow());
      assertThat(late.responseOnTime()).isFalse();
      assertThat(late.nearLimit()).isFalse();
    } finally {
      clock("2026-11-09T11:00+08:00");
    }
  }

  @Test
  void agentsMayNotReadReportsAndBadFiltersAreRefused() {
    assertThat(http.get("/api/reports/sla", "agent").status()).isEqualTo(403);
    assertThat(http.get("/api/reports/cases/" + caseA + "/sla", "agent").status()).isEqualTo(403);
    for (String bad : List.of("from=yesterday", "from=2026-11-10&to=2026-11-02", "from=2025-01-01&to=2026-11-02",
        "caseType=BANANA", "group=nobody", "interval=HOUR", "format=xml", "sellerId=%3Cx%3E")) {
      TestHttp.Response r = http.get("/api/reports/sla?" + bad, "manager");
      assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
  }

  /**
   * Seller Q's day, Monday 5 Oct: a return refused in 20 minutes (product category PHONES); a complaint about that
   * refusal, upheld in 30 minutes with 6 penalty points; a second complaint by the same customer about the same order,
   * dismissed in 20 minutes; four complaints nobody answers. A day and an hour later the four are late by an hour.
   * Seller R: one return answered in 20 minutes. The figures count the four as they stand (25 h without an answer:
   * score 60), so the score agrees with the on-time rate: before, "average response score 100" stood next to "first
   * response on time 43 %".
   */
  @Test
  void lateUnansweredCasesCountAsTheyStandAndSellersAreRankedOnTheirComplaints() {
    String q = "S-Q-" + UUID.randomUUID().toString().substring(0, 6);
    String r = "S-R-" + UUID.randomUUID().toString().substring(0, 6);
    String customer = "C-Q-" + UUID.randomUUID().toString().substring(0, 6);
    String order = "O-Q-" + UUID.randomUUID().toString().substring(0, 6);
    try {
      String refused = refusedReturn(q, customer, order);
      refusedReturn(r, "C-R-" + UUID.randomUUID().toString().substring(0, 6), "O-R-1");
      String upheld = openComplaint(q, "2026-10-05T09:30+08:00", "customerId", customer, "orderId", order,
          "complaint", Map.of("category", "REFUSED_AFTER_SALES", "linkedCaseId", refused));
      String again = openComplaint(q, "2026-10-05T09:40+08:00", "customerId", customer, "orderId", order);
      decideComplaint(upheld, "2026-10-05T10:00+08:00", ComplaintProcess.Var.DECISION, "UPHELD",
          ComplaintProcess.Var.DECISION_REASONS, "Refused a lawful return", ComplaintProcess.Var.FORCED_REMEDY, "NONE",
          ComplaintProcess.Var.PENALTY, "POINTS", ComplaintProcess.Var.PENALTY_POINTS, 6);
      decideComplaint(again, "2026-10-05T10:00+08:00", ComplaintProcess.Var.DECISION, "DISMISSED",
          ComplaintProcess.Var.DECISION_REASONS, "Decided in the first complaint");
      List<String> unanswered = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        unanswered.add(openComplaint(q, "2026-10-05T10:00+08:00"));
      }
      clock("2026-10-06T11:00+08:00");

      JsonNode report = ReturnFlowDriver.read(http.get("/api/reports/sla?from=2026-10-05&to=2026-10-06&sellerId=" + q,
          "manager"));
      JsonNode figures = report.get("figures");
      assertThat(figures.get("cases").asInt()).isEqualTo(7);
      assertThat(figures.get("firstResponseAttainment").asDouble()).isEqualTo(0.4286);
      // (3 x 100 + 4 x 60) / 7: the four late ones as they stand, not left out
      assertThat(figures.get("averageResponseScore").asDouble()).isEqualTo(77.1429);
      assertThat(figures.get("grades").get("EXCELLENT").asInt()).isEqualTo(3);
      assertThat(figures.get("grades").get("POOR").asInt()).isEqualTo(4);
      assertThat(figures.get("firstResponseP50Minutes").asLong()).isEqualTo(25 * 60);
      assertThat(figures.get("closed").asInt()).isEqualTo(1);

      // the late cases: which target, by how much, who holds them
      JsonNode late = report.get("late");
      assertThat(late.findValuesAsText("caseId")).containsExactlyInAnyOrderElementsOf(unanswered);
      for (JsonNode c : late) {
        assertThat(c.get("target").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(c.get("overMinutes").asLong()).isEqualTo(60);
        assertThat(c.get("scoreAsItStands").asBoolean()).isTrue();
        assertThat(c.get("heldBy").get(0).get("groups").toString()).contains("complaint-handlers");
        assertThat(c.get("processInstanceId").asText()).isNotBlank();
      }

      // totals by type, category, seller and group
      JsonNode totals = report.get("totals");
      assertThat(total(totals.get("byType"), "COMPLAINT").get("cases").asInt()).isEqualTo(6);
      assertThat(total(totals.get("byType"), "COMPLAINT").get("late").asInt()).isEqualTo(4);
      assertThat(total(totals.get("byCategory"), "PHONES").get("cases").asInt()).isEqualTo(1);
      assertThat(total(totals.get("bySeller"), q).get("firstResponseAttainment").asDouble()).isEqualTo(0.4286);
      // by group: the cases that had a task offered to the group, as the engine's history has them
      List<String> all = report.get("cases").findValuesAsText("caseId");
      for (String group : List.of("complaint-handlers", "agents", "supervisors")) {
        long worked = all.stream().filter(id -> engine.getHistoryService().createHistoricTaskInstanceQuery()
            .processInstanceBusinessKey(id).taskHadCandidateGroup(group).count() > 0).count();
        JsonNode byGroup = null;
        for (JsonNode g : totals.get("byGroup")) {
          byGroup = g.get("key").asText().equals(group) ? g : byGroup;
        }
        assertThat(byGroup == null ? 0 : byGroup.get("cases").asInt()).as(group).isEqualTo((int) worked);
      }
      assertThat(total(totals.get("byGroup"), "agents").get("cases").asInt()).isEqualTo(1);

      // filtered by product category and by group
      JsonNode phones = ReturnFlowDriver.read(http.get("/api/reports/sla?from=2026-10-05&to=2026-10-06&productCategory=PHONES"
          + "&sellerId=" + q, "manager"));
      assertThat(phones.get("cases").findValuesAsText("caseId")).containsExactly(refused);

      // the sellers, ranked: Q first with its upheld complaint and penalty
      JsonNode both = ReturnFlowDriver.read(http.get("/api/reports/sla?from=2026-10-05&to=2026-10-06", "manager"));
      JsonNode sellers = both.get("sellers");
      JsonNode first = sellers.get(0);
      assertThat(first.get("sellerId").asText()).isEqualTo(q);
      assertThat(first.get("rank").asInt()).isEqualTo(1);
      assertThat(first.get("cases").asInt()).isEqualTo(7);
      assertThat(first.get("complaints").asInt()).isEqualTo(6);
      assertThat(first.get("complaintRate").asDouble()).isEqualTo(0.8571);
      assertThat(first.get("secondComplaintRate").asDouble()).isEqualTo(0.1667);
      assertThat(first.get("upheldComplaints").asInt()).isEqualTo(1);
      assertThat(first.get("penalties").asInt()).isEqualTo(1);
      assertThat(first.get("penaltyPoints").asInt()).isEqualTo(6);
      assertThat(first.get("refundRate").asDouble()).isZero();
      assertThat(first.get("disputeRate").asDouble()).isEqualTo(1.0);
      assertThat(first.get("firstResponseOnTime").asDouble()).isEqualTo(0.4286);
      assertThat(first.get("firstResponseP50Minutes").asLong()).isEqualTo(25 * 60);
      JsonNode second = sellers.get(1);
      assertThat(second.get("sellerId").asText()).isEqualTo(r);
      assertThat(second.get("rank").asInt()).isEqualTo(2);
      assertThat(second.get("complaintRate").asDouble()).isZero();
      assertThat(second.get("firstResponseOnTime").asDouble()).isEqualTo(1.0);

      // CSV for spreadsheets: UTF-8 with a byte order mark, a row per seller in rank order
      TestHttp.Response csv = http.get("/api/reports/sla?from=2026-10-05&to=2026-10-06&format=csv&table=sellers", "manager");
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
      assertThat(csv.body()).startsWith("\uFEFFrank,sellerId,cases,complaints,complaintRate");
      assertThat(csv.body().lines().toList()).hasSize(3);
      assertThat(csv.body().lines().toList().get(1)).startsWith("1,\"" + q + "\",7,6,0.8571,0.1667,1,1,6,");
      TestHttp.Response badTable = http.get("/api/reports/sla?format=csv&table=everything", "manager");
      assertThat(badTable.status()).isEqualTo(400);
      assertThat(badTable.contentType()).startsWith("application/problem+json");
    } finally {
      clock("2026-11-09T11:00+08:00");
    }
  }

  /** A return of seller {@code sellerId}, opened Monday 5 Oct 09:00 and refused at 09:20 (product category PHONES). */
  String refusedReturn(String sellerId, String customer, String order) {
    clock("2026-10-05T09:00+08:00");
    String caseId = flow.open(ReturnFlowDriver.with("sellerId", sellerId, "customerId", customer, "orderId", order,
        "reason", "QUALITY", "description", "Very noisy", "deliveredAt", "2026-10-03T10:00:00+08:00",
        "productCategory", "PHONES"));
    clock("2026-10-05T09:20+08:00");
    var review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    engine.getTaskService().complete(review.getId(), Map.of(org.aftersales.returns.ReturnProcess.Var.REVIEW_DECISION,
        "REJECT", org.aftersales.returns.ReturnProcess.Var.REJECT_REASON, "Noise is within specification"));
    flow.runDueJobs();
    return caseId;
  }

  static JsonNode total(JsonNode totals, String key) {
    for (JsonNode t : totals) {
      if (t.get("key").asText().equals(key)) {
        return t;
      }
    }
    throw new AssertionError("no total for " + key + " in " + totals);
  }

  /**
   * A failed call on complaint B: managers read it with its case id, the whole message and who may retry it
   * (supervisors, for the complaint flow, and administrators); supervisors and agents may not read the list.
   */
  @Test
  void openIncidentsNameTheirCaseTheWholeFailureAndWhoMayRetry() {
    ProcessInstance b = flow.instance(caseB, ComplaintProcess.KEY);
    String message = "Payment provider unavailable: connection refused by pay.example.com after 3 tries; "
        + "支付服务暂时不可用，请稍后重试 (the whole message, not cut after a few letters)";
    String waiting = engine.getRuntimeService().getActiveActivityIds(b.getId()).get(0);
    String execution = engine.getRuntimeService().createExecutionQuery().processInstanceId(b.getId()).activityId(waiting)
        .list().get(0).getId();
    // a failed job's incident is not resolved by hand: it stays with the case until the class's application stops
    String incident = engine.getRuntimeService().createIncident("failedJob", execution, "no-such-job", message).getId();
    TestHttp.Response response = http.get("/api/reports/incidents", "manager");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode found = null;
    for (JsonNode i : ReturnFlowDriver.read(response)) {
      if (i.get("incidentId").asText().equals(incident)) {
        found = i;
      }
    }
    assertThat(found).as(response.body()).isNotNull();
    assertThat(found.get("caseId").asText()).isEqualTo(caseB);
    assertThat(found.get("processDefinitionKey").asText()).isEqualTo(ComplaintProcess.KEY);
    assertThat(found.get("incidentType").asText()).isEqualTo("failedJob");
    assertThat(found.get("message").asText()).isEqualTo(message);
    assertThat(found.get("since").asText()).isNotBlank();
    assertThat(found.get("mayRetry").toString()).contains("supervisors", "camunda-admin").doesNotContain("managers",
        "agents");
    for (String user : List.of("supervisor", "agent", "designer")) {
      assertThat(http.get("/api/reports/incidents", user).status()).as(user).isEqualTo(403);
    }
  }

  /** What each viewer may do, as the Cockpit plugin asks: managers read the figures and change nothing. */
  @Test
  void theViewerRightsSayWhoReadsTheFiguresAndWhoMayChangeWhat() {
    JsonNode manager = ReturnFlowDriver.read(http.get("/api/reports/access", "manager"));
    assertThat(manager.get("userId").asText()).isEqualTo("manager");
    assertThat(manager.get("readFigures").asBoolean()).isTrue();
    assertThat(List.of("retry", "editVariables", "cancel", "suspend")).allSatisfy(right ->
        assertThat(manager.get(right).asBoolean()).as(right).isFalse());
    JsonNode supervisor = ReturnFlowDriver.read(http.get("/api/reports/access", "supervisor"));
    assertThat(supervisor.get("readFigures").asBoolean()).isFalse();
    assertThat(supervisor.get("retry").asBoolean()).isTrue();
    assertThat(supervisor.get("cancel").asBoolean()).isFalse();
    JsonNode designer = ReturnFlowDriver.read(http.get("/api/reports/access", "designer"));
    assertThat(designer.get("readFigures").asBoolean()).isFalse();
    assertThat(designer.get("suspend").asBoolean()).isTrue();
    assertThat(designer.get("retry").asBoolean()).isFalse();
    JsonNode admin = ReturnFlowDriver.read(http.get("/api/reports/access", "admin"));
    assertThat(List.of("readFigures", "retry", "editVariables", "cancel", "suspend")).allSatisfy(right ->
        assertThat(admin.get(right).asBoolean()).as(right).isTrue());
  }
}
