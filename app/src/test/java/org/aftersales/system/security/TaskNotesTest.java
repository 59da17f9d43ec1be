package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
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

/** Staff comment on the tasks they work; the read-only manager writes nothing; links are https only. */
@AfterSalesIntegrationTest
class TaskNotesTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void driver() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  Task review() {
    String caseId = flow.open(Map.of());
    return flow.awaitTask(caseId, ReturnProcess.Element.REVIEW);
  }

  @Test
  void theAgentHoldingATaskCommentsAndReadsTheComments() {
    Task review = review();
    assertThat(http.postJson("/engine-rest/task/" + review.getId() + "/claim", "agent", "{\"userId\":\"agent\"}").status())
        .isEqualTo(204);

    Response created = http.postJson("/engine-rest/task/" + review.getId() + "/comment/create", "agent",
        "{\"message\":\"Called the customer\"}");
    Response read = http.get("/engine-rest/task/" + review.getId() + "/comment", "agent");

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("Called the customer").contains("\"userId\":\"agent\"");
  }

  @Test
  void tasklistsAddCommentWorksForAnAgentBeforeAndAfterClaiming() {
    // issue 18: "Add Comment" in Tasklist answered "No task found for task id ..." for agents
    Task review = review();
    org.aftersales.TestHttp tasklist = org.aftersales.TestHttp.browser(port);
    assertThat(tasklist.logIn("agent", "tasklist").status()).isEqualTo(200);
    String api = "/camunda/api/engine/engine/default/task/" + review.getId();
    tasklist.get(api + "/comment", null); // Tasklist fetches its CSRF token first
    Map<String, String> csrf = Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"));

    Response unclaimed = tasklist.send("POST", api + "/comment/create", null, "application/json",
        "{\"message\":\"客户来电询问进度\"}", csrf);
    assertThat(unclaimed.status()).as(unclaimed.body()).isEqualTo(200);
    assertThat(tasklist.send("POST", api + "/claim", null, "application/json", "{\"userId\":\"agent\"}", csrf).status())
        .isEqualTo(204);
    Response claimed = tasklist.send("POST", api + "/comment/create", null, "application/json",
        "{\"message\":\"Called the customer back\"}", csrf);
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);

    Response read = tasklist.get(api + "/comment", null);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("客户来电询问进度", "Called the customer back").doesNotContain("No task found");
  }

  @Test
  void theManagerWritesNeitherCommentsNorAttachments() {
    Task review = review();

    Response comment = http.postJson("/engine-rest/task/" + review.getId() + "/comment/create", "manager",
        "{\"message\":\"I was here\"}");
    Response attachment = http.postMultipart("/engine-rest/task/" + review.getId() + "/attachment/create", "manager",
        List.of(Part.field("attachment-name", "x"), Part.field("url", "https://example.com/x")), Map.of());

    assertThat(comment.status()).as(comment.body()).isEqualTo(403);
    assertThat(comment.contentType()).startsWith("application/problem+json");
    assertThat(attachment.status()).as(attachment.body()).isEqualTo(403);
    assertThat(engine.getTaskService().getTaskComments(review.getId())).isEmpty();
    assertThat(engine.getTaskService().getTaskAttachments(review.getId())).isEmpty();
  }

  @Test
  void attachmentLinksAreHttpsOnly() {
    Task review = review();

    Response script = http.postMultipart("/engine-rest/task/" + review.getId() + "/attachment/create", "agent",
        List.of(Part.field("attachment-name", "x"), Part.field("url", "javascript:alert(1)")), Map.of());
    Response outside = http.postMultipart("/engine-rest/task/" + review.getId() + "/attachment/create", "agent",
        List.of(Part.field("attachment-name", "x"), Part.field("url", "http://example.com/x")), Map.of());
    Response https = http.postMultipart("/engine-rest/task/" + review.getId() + "/attachment/create", "agent",
        List.of(Part.field("attachment-name", "photo"), Part.field("url", "https://example.com/photo.jpg")), Map.of());

    assertThat(script.status()).as(script.body()).isEqualTo(400);
    assertThat(outside.status()).as(outside.body()).isEqualTo(400);
    assertThat(https.status()).as(https.body()).isEqualTo(200);
    assertThat(engine.getTaskService().getTaskAttachments(review.getId())).singleElement()
        .satisfies(a -> assertThat(a.getUrl()).isEqualTo("https://example.com/photo.jpg"));
  }
}
