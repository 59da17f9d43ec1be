package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A business rule broken in a task form (issue 18): through Tasklist's API with a logged-in session and through
 * {@code /engine-rest}, the answer is 400 problem+json with one sentence (Chinese by default, English for
 * {@code Accept-Language: en}), no engine code, no stack trace logged at ERROR, and the task stays open with
 * nothing changed. Contradictory inspection answers are refused the same way.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class TaskRefusalsTest {

  static final String TASKLIST_API = "/camunda/api/engine/engine/default/task/";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  ReturnFlowDriver flow;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
  }

  /** Tasklist's submit of the form as the logged-in user, in the browser's language. */
  TestHttp.Response throughTasklist(String user, String taskId, String variables, String language) {
    TestHttp tasklist = TestHttp.browser(port);
    assertThat(tasklist.logIn(user, "tasklist").status()).isEqualTo(200);
    tasklist.get(TASKLIST_API + "count", null); // Tasklist fetches its CSRF token first
    return tasklist.send("POST", TASKLIST_API + taskId + "/submit-form", null, "application/json",
        "{\"variables\":" + variables + "}", Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"),
            "Accept-Language", language));
  }

  TestHttp.Response throughEngineRest(String user, String taskId, String variables, String language) {
    return flow.http().send("POST", "/engine-rest/task/" + taskId + "/submit-form", user, "application/json",
        "{\"variables\":" + variables + "}", Map.of("Accept-Language", language));
  }

  static void assertSentence(TestHttp.Response answer, String sentence) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(ReturnFlowDriver.read(answer).get("message").asText()).isEqualTo(sentence);
    assertThat(ReturnFlowDriver.read(answer).get("detail").asText()).isEqualTo(sentence);
    assertThat(answer.body()).doesNotContain("ENGINE-", "Cannot submit", "Exception");
  }

  static void assertNoErrorLogged(CapturedOutput output, String about) {
    assertThat(output.getOut() + output.getErr()).doesNotContain("ENGINE-16004", "ENGINE-03051")
        .doesNotContain("\tat org.aftersales.returns.Amounts");
    assertThat((output.getOut() + output.getErr()).lines().filter(l -> l.contains(" ERROR ")))
        .noneMatch(l -> l.contains(about));
  }

  @Test
  void aPartialRefundAboveWhatMayBeRefundedIsOneSentenceAndChangesNothing(CapturedOutput output) {
    String caseId = flow.open(Map.of());
    Task review = flow.awaitTask(caseId, ReturnProcess.Element.REVIEW);
    String tooMuch = "{\"reviewDecision\":{\"value\":\"PARTIAL_REFUND\"},\"partialAmount\":{\"value\":9999}}";

    assertSentence(throughTasklist("agent", review.getId(), tooMuch, "zh-CN,zh;q=0.9"),
        "部分退款金额：9999.00 超过了最多可退的 2999.00，请填写不超过 2999.00 的金额。");
    assertSentence(throughTasklist("agent", review.getId(), tooMuch, "en-US,en;q=0.9"),
        "Partial refund: 9999.00 is more than the 2999.00 that may be refunded.");
    assertSentence(throughEngineRest("agent", review.getId(), tooMuch, "en"),
        "Partial refund: 9999.00 is more than the 2999.00 that may be refunded.");
    assertSentence(throughEngineRest("agent", review.getId(), tooMuch, "zh-CN"),
        "部分退款金额：9999.00 超过了最多可退的 2999.00，请填写不超过 2999.00 的金额。");

    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(flow.variable(caseId, ReturnProcess.Var.PARTIAL_AMOUNT)).isNull();
    assertThat(flow.view(caseId).get("refundedAmount").asText()).isEqualTo("0.00");
    assertThat(flow.view(caseId).get("status").asText()).isEqualTo("OPEN");
    assertNoErrorLogged(output, "9999");
    assertThat(output.getOut()).contains("the form was refused: Partial refund: 9999.00");

    // what may be refunded still goes through
    TestHttp.Response allowed = throughTasklist("agent", review.getId(),
        "{\"reviewDecision\":{\"value\":\"PARTIAL_REFUND\"},\"partialAmount\":{\"value\":2999}}", "zh-CN");
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(204);
  }

  @Test
  void damagedGoodsPassedWithAFullRefundAndNoNotesAreAskedAbout(CapturedOutput output) {
    String caseId = flow.open(Map.of());
    engine.getTaskService().complete(flow.awaitTask(caseId, ReturnProcess.Element.REVIEW).getId(),
        Map.of(ReturnProcess.Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, ReturnProcess.Var.TRACKING_NUMBER), "DELIVERED");
    Task inspection = flow.awaitTask(caseId, ReturnProcess.Element.INSPECT);
    String damagedButPassed = "{\"inspectionCondition\":{\"value\":\"DAMAGED\"},\"inspectionPassed\":{\"value\":true}}";

    assertSentence(throughTasklist("inspector", inspection.getId(), damagedButPassed, "zh-CN"),
        "商品状况为“损坏”却验收通过并全额退款：请在备注中说明原因，或填写扣减金额，或选择验收不通过。");
    assertSentence(throughEngineRest("inspector", inspection.getId(), damagedButPassed, "en"),
        "Goods recorded as damaged passed with a full refund: say in the notes why, or take a deduction, "
            + "or fail the inspection.");
    assertThat(engine.getTaskService().createTaskQuery().taskId(inspection.getId()).count()).isOne();
    assertThat(flow.variable(caseId, ReturnProcess.Var.INSPECTION_PASSED)).isNull();
    assertNoErrorLogged(output, "damaged");

    TestHttp.Response explained = throughTasklist("inspector", inspection.getId(),
        "{\"inspectionCondition\":{\"value\":\"DAMAGED\"},\"inspectionPassed\":{\"value\":true},"
            + "\"inspectionNotes\":{\"value\":\"Dent from our own courier; the customer is not to blame\"}}", "zh-CN");
    assertThat(explained.status()).as(explained.body()).isEqualTo(204);
  }

  @Test
  void everyTranslatedRefusalIsOneSentenceAndAnUnknownOneStaysEnglish() {
    assertThat(TaskRefusals.sentence("Reopen: case C-1 was refunded in full already; compensate instead, or open a "
        + "new case", "zh")).isEqualTo("重新处理：服务单 C-1 已全额退款；请改为赔偿，或新建服务单。");
    assertThat(TaskRefusals.sentence("Something the catalogue does not know", null))
        .isEqualTo("Something the catalogue does not know.");
  }
}
