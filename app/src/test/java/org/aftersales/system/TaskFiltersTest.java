package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tasklist's queues: every worker has filters, and the group filter lists exactly their group's tasks. */
@AfterSalesIntegrationTest
class TaskFiltersTest {

  @LocalServerPort int port;

  @Test
  void eachGroupFindsItsOwnQueueInTasklist() throws Exception {
    TestHttp http = TestHttp.on(port);
    String caseId = ReturnFlowDriver.read(http.postJson("/api/cases", "shop", ReturnFlowDriver.request(Map.of())))
        .get("caseId").asText();
    for (String user : new String[] {"agent", "inspector", "finance", "technician", "supervisor"}) {
      assertThat(http.get("/engine-rest/filter", user).body()).as(user)
          .contains(TaskFilters.GROUP_TASKS, TaskFilters.MY_TASKS, TaskFilters.OVERDUE);
    }
    String filterId = id(http.get("/engine-rest/filter?name=" + TaskFilters.GROUP_TASKS.replace(" ", "%20")
        .replace("'", "%27"), "agent"));
    String agentQueue = http.send("POST", "/engine-rest/filter/" + filterId + "/list", "agent", "application/json", "{}",
        Map.of()).body();
    String inspectorQueue = http.send("POST", "/engine-rest/filter/" + filterId + "/list", "inspector", "application/json",
        "{}", Map.of()).body();
    String reviewTaskId = new ObjectMapper().readTree(http.get("/engine-rest/task?processInstanceBusinessKey=" + caseId,
        "agent").body()).get(0).get("id").asText();
    assertThat(agentQueue).contains(reviewTaskId);
    assertThat(inspectorQueue).doesNotContain(reviewTaskId);
  }

  private static String id(TestHttp.Response response) throws Exception {
    JsonNode filters = new ObjectMapper().readTree(response.body());
    assertThat(filters.size()).as(response.body()).isEqualTo(1);
    return filters.get(0).get("id").asText();
  }
}
