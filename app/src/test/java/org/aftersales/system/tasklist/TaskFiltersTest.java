package org.aftersales.system.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist's queues: every worker has filters, the group filter lists exactly their group's tasks, due today and
 * overdue list what they say, and only supervisors have the escalations.
 */
@AfterSalesIntegrationTest
class TaskFiltersTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void eachGroupFindsItsOwnQueueInTasklist() throws Exception {
    TestHttp http = TestHttp.on(port);
    String caseId = ReturnFlowDriver.read(http.postJson("/api/cases", "shop", ReturnFlowDriver.request(Map.of())))
        .get("caseId").asText();
    for (String user : new String[] {"agent", "inspector", "finance", "technician", "supervisor"}) {
      assertThat(http.get("/engine-rest/filter", user).body()).as(user)
          .contains(TaskFilters.GROUP_TASKS, TaskFilters.MY_TASKS, TaskFilters.DUE_TODAY, TaskFilters.OVERDUE);
    }
    String filterId = id(http.get("/engine-rest/filter?name=" + URLEncoder.encode(TaskFilters.GROUP_TASKS,
        StandardCharsets.UTF_8).replace("+", "%20"), "agent"));
    String agentQueue = http.send("POST", "/engine-rest/filter/" + filterId + "/list", "agent", "application/json", "{}",
        Map.of()).body();
    String inspectorQueue = http.send("POST", "/engine-rest/filter/" + filterId + "/list", "inspector", "application/json",
        "{}", Map.of()).body();
    String reviewTaskId = new ObjectMapper().readTree(http.get("/engine-rest/task?processInstanceBusinessKey=" + caseId,
        "agent").body()).get(0).get("id").asText();
    assertThat(agentQueue).contains(reviewTaskId);
    assertThat(inspectorQueue).doesNotContain(reviewTaskId);
  }

  @Test
  void dueTodayOverdueAndTheSupervisorsEscalationsListWhatTheirNamesSay() throws Exception {
    TestHttp http = TestHttp.on(port);
    String late = reviewTask(http);
    String today = reviewTask(http);
    engine.getTaskService().setDueDate(late, Date.from(Instant.now().minus(Duration.ofDays(2))));
    engine.getTaskService().setDueDate(today, Date.from(LocalDate.now().atTime(LocalTime.of(23, 58))
        .atZone(ZoneId.systemDefault()).toInstant()));

    assertThat(list(http, TaskFilters.DUE_TODAY, "agent")).contains(today).doesNotContain(late);
    assertThat(list(http, TaskFilters.OVERDUE, "agent")).contains(late);
    assertThat(list(http, TaskFilters.OVERDUE, "inspector")).doesNotContain(late);
    assertThat(list(http, TaskFilters.ESCALATIONS, "supervisor")).contains(late).doesNotContain(today);
    assertThat(http.get("/engine-rest/filter", "supervisor").body()).contains(TaskFilters.ESCALATIONS);
    for (String user : new String[] {"agent", "inspector", "finance", "technician", "complaints"}) {
      assertThat(http.get("/engine-rest/filter", user).body()).as(user + " sees no escalations")
          .doesNotContain(TaskFilters.ESCALATIONS);
    }
    Task task = engine.getTaskService().createTaskQuery().taskId(late).singleResult();
    assertThat(task.getFollowUpDate()).as("follow-up date from the limits").isNotNull().isBefore(
        Date.from(Instant.now().plus(Duration.ofDays(2))));
    Map<String, Object> shown = org.aftersales.TaskFormReads.shown(http, late, "agent");
    assertThat(shown.get("caseSummary")).asString().contains("订单 ", "实付 ", "客户 ");
    assertThat(shown.get("caseHistory")).asString().isNotBlank();
  }

  private String reviewTask(TestHttp http) throws Exception {
    String caseId = ReturnFlowDriver.read(http.postJson("/api/cases", "shop", ReturnFlowDriver.request(Map.of())))
        .get("caseId").asText();
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
  }

  @Test
  void aQueueOfAnEarlierReleaseIsRenamedInChineseAndEnglishAndLosesItsEmptyOrderColumn() {
    var filters = engine.getFilterService();
    var queue = filters.createFilterQuery().filterName(TaskFilters.GROUP_TASKS).singleResult();
    String earlierName = TaskFilters.EARLIER_NAMES.get(TaskFilters.GROUP_TASKS);
    filters.saveFilter(queue.setName(earlierName).setProperties(Map.of("priority", -10, "description", "Tasks for your "
        + "groups", "variables", java.util.List.of(Map.of("name", "orderSummary", "label", "Order")))));

    new TaskFilters().postProcessEngineBuild(engine);

    assertThat(filters.createFilterQuery().filterName(earlierName).count()).isZero();
    var renamed = filters.createFilterQuery().filterName(TaskFilters.GROUP_TASKS).list();
    assertThat(renamed).hasSize(1);
    assertThat(renamed.get(0).getId()).as("the same filter, with its grants").isEqualTo(queue.getId());
    assertThat(renamed.get(0).getProperties()).doesNotContainKey("variables")
        .containsEntry("description", "你所在组的任务（已认领或未认领），最紧急的在前 Tasks for your groups, claimed or not, "
            + "the most urgent first");
  }

  private static String list(TestHttp http, String filter, String user) throws Exception {
    TestHttp.Response filters = http.get("/engine-rest/filter?name=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)
        .replace("+", "%20"), user);
    return http.send("POST", "/engine-rest/filter/" + id(filters) + "/list", user, "application/json", "{}", Map.of())
        .body();
  }

  private static String id(TestHttp.Response response) throws Exception {
    JsonNode filters = new ObjectMapper().readTree(response.body());
    assertThat(filters.size()).as(response.body()).isEqualTo(1);
    return filters.get(0).get("id").asText();
  }
}
