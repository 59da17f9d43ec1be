package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A case's history for staff (issue 18): the customer reads "We e-mailed you" in their language, staff read the same
 * entry as "已通过邮件通知顾客" (or "Customer e-mailed" in English), with the times in China time.
 */
@AfterSalesIntegrationTest
class StaffHistoryApiTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void staffReadTheTimelineInTheirOwnVoiceAndTheCustomerInTheirs() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    String caseId = flow.open(ReturnFlowDriver.with("contact", Map.of("name", "李伟", "email", "li.wei@example.com",
        "language", "zh", "address", Map.of("line1", "南京路 1 号", "city", "上海", "postalCode", "200001", "country", "CN"))));
    engine.getTaskService().complete(flow.awaitTask(caseId, ReturnProcess.Element.REVIEW).getId(),
        Map.of(ReturnProcess.Var.REVIEW_DECISION, "APPROVE"));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> flow.view(caseId).get("timeline").toString().contains("我们已给您发送邮件"));

    TestHttp http = flow.http();
    JsonNode chinese = ReturnFlowDriver.read(http.send("GET", "/api/cases/" + caseId + "/history", "agent", null, null,
        Map.of("Accept-Language", "zh-CN,zh;q=0.9")));
    JsonNode english = ReturnFlowDriver.read(http.send("GET", "/api/cases/" + caseId + "/history", "manager", null,
        null, Map.of("Accept-Language", "en-GB")));

    assertThat(chinese.get("language").asText()).isEqualTo("zh");
    assertThat(chinese.get("timeline").toString()).contains("已通过邮件通知顾客：").doesNotContain("我们已给您发送邮件", "We e-mailed you");
    assertThat(chinese.get("timeline").get(0).get("at").asText()).endsWith("（北京时间）");
    assertThat(english.get("timeline").toString()).contains("Customer e-mailed: ").doesNotContain("We e-mailed you");
    assertThat(english.get("timeline").get(0).get("at").asText()).endsWith("(China time)");
    assertThat(flow.view(caseId).get("timeline").toString()).contains("我们已给您发送邮件");
  }
}
