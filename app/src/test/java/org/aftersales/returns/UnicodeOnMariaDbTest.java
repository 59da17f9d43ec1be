package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.aftersales.TcpProxy;
import org.aftersales.TestHttp;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Text with emoji and Chinese through every step of a case on MariaDB (mysql profile), where Camunda's own tables
 * were created as utf8mb3 and rejected 4-byte characters: the customer's description, a contact name that reaches
 * the process only when the carrier's DELIVERED callback arrives, a rejection reason and inspection notes given in
 * task forms, and comments on a task. Each is stored and read back intact.
 */
@Isolated
@ExtendWith(MariaDb.class)
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "aftersales.identity.demo-users=true",
    "camunda.bpm.generic-properties.properties.enable-password-policy=false",
    "aftersales.integration.user=shop", "aftersales.integration.password=shop",
    "aftersales.simulators.carrier.enabled=true", "aftersales.simulators.payment.enabled=true",
    "aftersales.simulators.mail.enabled=true",
    "spring.mail.host=127.0.0.1", "spring.mail.port=${aftersales.simulators.mail.port}",
    "spring.mail.properties.mail.smtp.starttls.enable=false",
    "aftersales.simulators.carrier.step-delay=PT0.2S", "aftersales.simulators.payment.settle-delay=PT0.2S",
    "aftersales.simulators.carrier.callback-backoff=PT0.2S", "aftersales.simulators.payment.callback-backoff=PT0.2S"})
class UnicodeOnMariaDbTest {

  static final String DATABASE = "aftersales_i17_unicode";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String ANGRY = "坏了😡🙏🏽 — ✓";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    MariaDb.useFreshDatabase(registry, DATABASE, "unicodeadmin", "Str0ng!Secret-2026");
    int mailPort = TcpProxy.freePort();
    registry.add("aftersales.simulators.mail.port", () -> mailPort);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
  }

  @Test
  void everyTableHoldsFullUnicode() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(org.aftersales.system.Utf8mb4Tables.tablesNotInUtf8mb4(connection)).isEmpty();
    }
  }

  @Test
  void anEmojiOnlyInTheContactNameSurvivesTheDeliveredCallbackAndInspectionNotesAndComments() {
    String caseId = flow.open(ReturnFlowDriver.with("contact", Map.of("name", "李伟 " + ANGRY, "email",
        "li.wei@example.com", "phone", "+86 138 0000 5678", "address", Map.of("line1", "1 Nanjing Road", "city",
            "Shanghai", "postalCode", "200001", "country", "CN"))));
    flow.decide(caseId, "agent", "Task_ReviewRequest", "{\"reviewDecision\":{\"value\":\"APPROVE\"}}", PATIENCE);

    // the simulated carrier collects and delivers the parcel and calls back; the case then waits for inspection
    Task inspection = await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(caseId).taskDefinitionKey("Task_InspectGoods").singleResult(), t -> t != null);
    TestHttp.Response comment = flow.http().postJson("/engine-rest/task/" + inspection.getId() + "/comment/create",
        "inspector", "{\"message\":\"Customer wrote " + ANGRY + "\"}");
    assertThat(comment.status()).as(comment.body()).isEqualTo(200);
    flow.decide(caseId, "inspector", "Task_InspectGoods", "{\"inspectionPassed\":{\"value\":true},"
        + "\"inspectionCondition\":{\"value\":\"NEW\"},\"inspectionNotes\":{\"value\":\"Box dented " + ANGRY + "\"}}",
        PATIENCE);

    await().atMost(PATIENCE).until(() -> flow.view(caseId).get("status").asText(), "CLOSED"::equals);
    assertThat(flow.variable(caseId, ReturnProcess.Var.INSPECTION_NOTES)).isEqualTo("Box dented " + ANGRY);
    assertThat(engine.getTaskService().getTaskComments(inspection.getId())).extracting(Comment::getFullMessage)
        .containsExactly("Customer wrote " + ANGRY);
    assertThat(flow.view(caseId).get("outcome").asText()).isEqualTo("REFUNDED");
  }

  @Test
  void anEmojiInTheDescriptionAndTheRejectionReasonIsKept() {
    String caseId = flow.open(ReturnFlowDriver.with("description", "颜色不对 " + ANGRY));
    flow.decide(caseId, "agent", "Task_ReviewRequest", "{\"reviewDecision\":{\"value\":\"REJECT\"},"
        + "\"rejectReason\":{\"value\":\"Worn, not faulty " + ANGRY + "\"}}", PATIENCE);

    await().atMost(PATIENCE).until(() -> flow.view(caseId).get("status").asText(), "CLOSED"::equals);
    assertThat(flow.variable(caseId, ReturnProcess.Var.REJECT_REASON)).isEqualTo("Worn, not faulty " + ANGRY);
    // the description is the case record's (forms read it as a display value, no process variable holds it)
    assertThat(flow.view(caseId).get("description").asText()).isEqualTo("颜色不对 " + ANGRY);
  }
}
