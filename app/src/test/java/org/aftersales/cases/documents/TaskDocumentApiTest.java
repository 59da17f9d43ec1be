package org.aftersales.cases.documents;

import static org.aftersales.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Photos added from a task (issue 18): the inspector of an open inspection adds them, with HTTP Basic or the
 * Tasklist login (and its CSRF token); people who do not work the task get 403, bad files a problem, and
 * nothing is stored for them; the list is readable before the task is claimed and the links open with the
 * Tasklist login.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class TaskDocumentApiTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired DocumentProperties limits;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  /** A case whose goods arrived: the inspection is open for the inspectors, nobody has claimed it. */
  Task inspection(String caseId) {
    engine.getTaskService().complete(flow.awaitTask(caseId, ReturnProcess.Element.REVIEW).getId(),
        Map.of(ReturnProcess.Var.REVIEW_DECISION, "APPROVE"));
    flow.runDueJobs();
    flow.parcelEvent((String) flow.variable(caseId, ReturnProcess.Var.TRACKING_NUMBER), "DELIVERED");
    return flow.awaitTask(caseId, ReturnProcess.Element.INSPECT);
  }

  int stored(String caseId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case_document WHERE case_id = ?", Integer.class, caseId);
  }

  static List<Part> photo(String name, byte[] content) {
    return List.of(Part.file("file", name, "image/png", content), Part.field("description", "Scratch on the back"));
  }

  @Test
  void theInspectorOfAnOpenInspectionAddsPhotosAndOthersMayNot() {
    String caseId = flow.open(Map.of());
    Task task = inspection(caseId);
    String path = "/api/tasks/" + task.getId() + "/documents";

    Response added = http.postMultipart(path, "inspector", photo("back.png", png()), Map.of());
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(ReturnFlowDriver.read(added).get("addedBy").asText()).isEqualTo("AGENT");
    String href = ReturnFlowDriver.read(added).get("href").asText();
    assertThat(href).startsWith("/api/cases/" + caseId + "/documents/");
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("Document added: back.png"));

    for (String other : new String[] {"agent", "technician", "finance"}) {
      Response refused = http.postMultipart(path, other, photo("other.png", png()), Map.of());
      assertThat(refused.status()).as(other + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    Response shop = http.postMultipart(path, "shop", photo("shop.png", png()), Map.of());
    assertThat(shop.status()).isEqualTo(403);
    assertThat(stored(caseId)).isOne();

    // readable before anyone claims the task, by those who work it and those who watch
    for (String reader : new String[] {"inspector", "agent", "manager"}) {
      Response list = http.get(path, reader);
      assertThat(list.status()).as(reader).isEqualTo(200);
      assertThat(ReturnFlowDriver.read(list).get("caseId").asText()).isEqualTo(caseId);
      assertThat(ReturnFlowDriver.read(list).get("documents").get(0).get("href").asText()).isEqualTo(href);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void badFilesAreProblemsAndStoreNothing() {
    String caseId = flow.open(Map.of());
    String path = "/api/tasks/" + inspection(caseId).getId() + "/documents";

    Response script = http.postMultipart(path, "inspector",
        List.of(Part.file("file", "photo.png", "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))),
        Map.of());
    Response tooBig = http.postMultipart(path, "inspector",
        photo("big.png", Arrays.copyOf(png(), (int) limits.maxSize().toBytes() + 1)), Map.of());
    Response empty = http.postMultipart(path, "inspector", List.of(Part.field("description", "no file")), Map.of());
    Response notMultipart = http.postJson(path, "inspector", "{}");

    assertThat(script.status()).as(script.body()).isEqualTo(415);
    assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    assertThat(notMultipart.status()).as(notMultipart.body()).isEqualTo(415);
    for (Response bad : List.of(script, tooBig, empty, notMultipart)) {
      assertThat(bad.contentType()).startsWith("application/problem+json");
      assertThat(ReturnFlowDriver.read(bad).get("detail").asText()).isNotBlank();
    }
    assertThat(stored(caseId)).isZero();
  }

  @Test
  void tasklistsLoginAddsWithItsCsrfTokenAndOpensTheDocument() {
    String caseId = flow.open(Map.of());
    Task task = inspection(caseId);
    String path = "/api/tasks/" + task.getId() + "/documents";
    TestHttp tasklist = TestHttp.browser(port);
    assertThat(tasklist.logIn("inspector", "tasklist").status()).isEqualTo(200);
    tasklist.get("/camunda/api/engine/engine/default/task/count", null); // Tasklist fetches its CSRF token first

    Response withoutToken = tasklist.postMultipart(path, null, photo("a.png", png()), Map.of());
    assertThat(withoutToken.status()).as(withoutToken.body()).isEqualTo(401);
    assertThat(stored(caseId)).isZero();

    Response added = tasklist.postMultipart(path, null, photo("a.png", png()),
        Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN")));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String href = ReturnFlowDriver.read(added).get("href").asText();

    TestHttp.Download opened = tasklist.download(href, null, Map.of());
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo(png());
    assertThat(TestHttp.on(port).download(href, null, Map.of()).status()).isEqualTo(401);
    assertThat(TestHttp.browser(port).postMultipart(path, null, photo("b.png", png()), Map.of()).status()).isEqualTo(401);

    // a task that is no longer open takes nothing
    engine.getTaskService().complete(task.getId(), Map.of(ReturnProcess.Var.INSPECTION_PASSED, true));
    Response closed = http.postMultipart(path, "inspector", photo("late.png", png()), Map.of());
    assertThat(closed.status()).as(closed.body()).isEqualTo(404);
    assertThat(stored(caseId)).isOne();
  }
}
