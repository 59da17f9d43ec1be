package org.aftersales.cases.documents;

import static org.aftersales.TestFiles.jpeg;
import static org.aftersales.TestFiles.pdf;
import static org.aftersales.TestFiles.png;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.cases.CaseSummary;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.system.security.AccessCheckProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Case documents through the API: customers (through the shop), sellers and agents add them; everyone who may
 * see the case lists and opens them, staff also with their Tasklist login; bad uploads are refused and store
 * nothing; tasks show the links.
 */
@AfterSalesIntegrationTest
class CaseDocumentApiTest {

  private static final String CUSTOMER = "X-Customer-Id";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired DocumentProperties limits;
  ReturnFlowDriver flow;
  TestHttp http;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    http = flow.http();
  }

  @Test
  void theCustomerTheSellerAndAnAgentAddDocumentsThatAreListedAndServed() throws Exception {
    String customer = customer();
    String caseId = open(customer);
    byte[] photo = png();

    Response byCustomer = upload(caseId, "shop", Map.of(CUSTOMER, customer), "", file("broken screen.png", "image/png", photo),
        Part.field("description", "Crack across the display, 屏幕裂了"));
    assertThat(byCustomer.status()).as(byCustomer.body()).isEqualTo(201);
    JsonNode added = read(byCustomer);
    String documentId = added.get("documentId").asText();
    assertThat(byCustomer.headers().firstValue("Location")).contains("/api/cases/" + caseId + "/documents/" + documentId);
    assertThat(added.get("fileName").asText()).isEqualTo("broken screen.png");
    assertThat(added.get("contentType").asText()).isEqualTo("image/png");
    assertThat(added.get("size").asLong()).isEqualTo(photo.length);
    assertThat(added.get("sha256").asText()).isEqualTo(CaseDocumentService.sha256(photo));
    assertThat(added.get("description").asText()).isEqualTo("Crack across the display, 屏幕裂了");
    assertThat(added.get("addedBy").asText()).isEqualTo("CUSTOMER");
    assertThat(added.get("href").asText()).isEqualTo("/api/cases/" + caseId + "/documents/" + documentId);
    assertThat(jdbc.queryForMap("SELECT uploaded_by, on_behalf_of, on_behalf_of_id FROM as_case_document "
        + "WHERE document_id = ?", documentId)).containsValues("shop", "CUSTOMER", customer);

    Response bySeller = upload(caseId, "shop", Map.of(), "?sellerId=S-77", file("packing.jpg", "image/jpeg", jpeg()));
    assertThat(bySeller.status()).as(bySeller.body()).isEqualTo(201);
    assertThat(read(bySeller).get("addedBy").asText()).isEqualTo("SELLER");
    Response byAgent = upload(caseId, "agent", Map.of(), "", file("退货单.pdf", "application/pdf", pdf()));
    assertThat(byAgent.status()).as(byAgent.body()).isEqualTo(201);
    assertThat(read(byAgent).get("addedBy").asText()).isEqualTo("AGENT");

    JsonNode list = read(list(caseId, "shop", Map.of(CUSTOMER, customer)));
    assertThat(list.get("maxDocuments").asInt()).isEqualTo(limits.maxPerCase());
    assertThat(list.get("documents").findValuesAsText("fileName"))
        .containsExactly("broken screen.png", "packing.jpg", "退货单.pdf");
    assertThat(list.get("documents").findValuesAsText("addedBy")).containsExactly("CUSTOMER", "SELLER", "AGENT");
    assertThat(list.toString()).doesNotContain("content\"");

    TestHttp.Download image = http.download(added.get("href").asText(), "shop", Map.of(CUSTOMER, customer));
    assertThat(image.status()).isEqualTo(200);
    assertThat(image.body()).isEqualTo(photo);
    assertThat(image.header("Content-Type")).isEqualTo("image/png");
    assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(image.header("Content-Disposition")).startsWith("inline").contains("broken screen.png");
    assertThat(image.header("Content-Security-Policy")).contains("sandbox");
    TestHttp.Download pdf = http.download(read(byAgent).get("href").asText(), "agent", Map.of());
    assertThat(pdf.body()).isEqualTo(pdf());
    assertThat(pdf.header("Content-Disposition")).startsWith("attachment")
        .contains("filename*=UTF-8''" + URLEncoder.encode("退货单.pdf", StandardCharsets.UTF_8));
    String sellersHref = read(bySeller).get("href").asText();
    assertThat(http.download(sellersHref + "?sellerId=S-77", "shop", Map.of()).status()).isEqualTo(200);

    assertThat(flow.timeline(caseId)).contains("Document added: broken screen.png by customer",
        "Document added: packing.jpg by seller", "Document added: 退货单.pdf by agent");
    assertThat(flow.view(caseId).get("documents").findValuesAsText("href"))
        .containsExactly(added.get("href").asText(), sellersHref, read(byAgent).get("href").asText());
  }

  @Test
  void othersSeeNoDocumentsOfCasesNotTheirs() {
    String customer = customer();
    String caseId = open(customer);
    String href = href(upload(caseId, "shop", Map.of(CUSTOMER, customer), "", file("a.png", "image/png", png())));
    long before = documents();

    assertThat(list(caseId, "shop", Map.of(CUSTOMER, "C-OTHER")).status()).isEqualTo(404);
    TestHttp.Download foreign = http.download(href, "shop", Map.of(CUSTOMER, "C-OTHER"));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    assertThat(http.download(href + "?sellerId=S-OTHER", "shop", Map.of()).status()).isEqualTo(404);
    Part another = file("b.png", "image/png", png());
    assertThat(upload(caseId, "shop", Map.of(CUSTOMER, "C-OTHER"), "", another).status()).isEqualTo(404);
    assertThat(upload(caseId, "shop", Map.of(), "?sellerId=S-OTHER", another).status()).isEqualTo(404);
    assertThat(http.download("/api/cases/" + caseId + "/documents/D-NOSUCHDOC123", "shop", Map.of()).status()).isEqualTo(404);
    assertThat(http.get("/api/cases/AS-20260101-NOPE00/documents", "shop").status()).isEqualTo(404);
    assertThat(documents()).isEqualTo(before);
  }

  @Test
  void badUploadsAreRefusedClearlyAndStoreNothing() {
    String customer = customer();
    String caseId = open(customer);
    Map<String, String> asCustomer = Map.of(CUSTOMER, customer);
    long before = documents();
    int timeline = flow.timeline(caseId).size();
    byte[] tooBig = Arrays.copyOf(png(), (int) limits.maxSize().toBytes() + 1);
    byte[] html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);

    assertRefused(upload(caseId, "shop", asCustomer, "", file("huge.png", "image/png", tooBig)), 413, "at most");
    assertRefused(upload(caseId, "shop", asCustomer, "", file("cute.png", "image/png", html)), 415, "not one of");
    assertRefused(upload(caseId, "shop", asCustomer, "", file("cute.png", "application/octet-stream", html)), 415,
        "not one of");
    assertRefused(upload(caseId, "shop", asCustomer, "", file("photo.png", "text/html", png())), 415, "declared as text/html");
    assertRefused(upload(caseId, "shop", asCustomer, "", Part.field("description", "no file")), 400, "file");
    assertRefused(upload(caseId, "shop", asCustomer, "", file("empty.png", "image/png", new byte[0])), 400, "file");
    assertRefused(upload(caseId, "shop", asCustomer, "", file("a.png", "image/png", png()),
        Part.field("description", "<img src=x onerror=alert(1)>")), 400, "description");
    assertRefused(upload(caseId, "shop", Map.of(), "", file("a.png", "image/png", png())), 400, "X-Customer-Id");
    assertRefused(upload(caseId, "shop", asCustomer, "?sellerId=S-77", file("a.png", "image/png", png())), 400, "sellerId");
    assertRefused(http.send("POST", "/api/cases/" + caseId + "/documents", "shop", "application/json", "{}", asCustomer),
        415, "multipart/form-data");

    assertThat(documents()).isEqualTo(before);
    assertThat(flow.timeline(caseId)).hasSize(timeline);
  }

  @Test
  void closedCasesAndFullCasesTakeNoMoreDocuments() {
    String customer = customer();
    String full = open(customer);
    for (int i = 0; i < limits.maxPerCase(); i++) {
      assertThat(upload(full, "agent", Map.of(), "", file("photo-" + i + ".png", "image/png", png())).status()).isEqualTo(201);
    }
    assertRefused(upload(full, "agent", Map.of(), "", file("one-more.png", "image/png", png())), 409, "the most");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case_document WHERE case_id = ?", Long.class, full))
        .isEqualTo(limits.maxPerCase());

    String closed = open(customer);
    assertThat(http.postJson("/api/cases/" + closed + "/cancel", "shop", "").status()).isEqualTo(200);
    assertRefused(upload(closed, "shop", Map.of(CUSTOMER, customer), "", file("late.png", "image/png", png())), 409, "closed");
    assertThat(http.get("/api/cases/" + closed + "/documents", "shop").status()).as("still readable").isEqualTo(200);
  }

  @Test
  void theSameIdempotencyKeyAddsADocumentOnce() {
    String customer = customer();
    String caseId = open(customer);
    String key = UUID.randomUUID().toString();
    Map<String, String> headers = Map.of(CUSTOMER, customer, "Idempotency-Key", key);

    Response first = upload(caseId, "shop", headers, "", file("a.png", "image/png", png()));
    Response again = upload(caseId, "shop", headers, "", file("a.png", "image/png", png()));
    Response other = upload(caseId, "shop", headers, "", file("b.jpg", "image/jpeg", jpeg()));

    assertThat(again.status()).isEqualTo(201);
    assertThat(read(again).get("documentId")).isEqualTo(read(first).get("documentId"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(other.status()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case_document WHERE case_id = ?", Long.class, caseId)).isOne();
  }

  @Test
  void eachGroupReachesDocumentsAsItsRoleSays() {
    String customer = customer();
    String caseId = open(customer);
    String href = href(upload(caseId, "inspector", Map.of(), "", file("inspection.png", "image/png", png())));

    assertThat(http.download(href, "technician", Map.of()).status()).isEqualTo(200);
    assertThat(http.download(href, "manager", Map.of()).status()).isEqualTo(200);
    assertThat(http.download(href, "designer", Map.of()).status()).isEqualTo(403);
    assertThat(http.download(href, null, Map.of()).status()).isEqualTo(401);
    assertThat(upload(caseId, "manager", Map.of(), "", file("m.png", "image/png", png())).status()).isEqualTo(403);
    assertThat(upload(caseId, "designer", Map.of(), "", file("d.png", "image/png", png())).status()).isEqualTo(403);
  }

  @Test
  void aTasklistLoginOpensDocumentsButChangesNothing() {
    String customer = customer();
    String caseId = open(customer);
    byte[] photo = png();
    String href = href(upload(caseId, "shop", Map.of(CUSTOMER, customer), "", file("dent.png", "image/png", photo)));
    TestHttp agent = TestHttp.browser(port);
    assertThat(agent.logIn("agent", "tasklist").status()).isEqualTo(200);
    String session = agent.cookie("JSESSIONID");

    TestHttp.Download opened = agent.download(href, null, Map.of());
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo(photo);
    assertThat(agent.get("/api/cases/" + caseId + "/documents", null).body()).contains(href);
    assertThat(agent.cookie("JSESSIONID")).as("the Tasklist session is kept").isEqualTo(session);

    long before = documents();
    assertThat(agent.postMultipart("/api/cases/" + caseId + "/documents", null, List.of(file("x.png", "image/png", photo)),
        Map.of("X-XSRF-TOKEN", agent.cookie("XSRF-TOKEN"))).status()).as("reading only").isEqualTo(401);
    assertThat(agent.get("/api/cases/" + caseId, null).status()).as("documents only").isEqualTo(401);
    assertThat(documents()).isEqualTo(before);

    TestHttp designer = TestHttp.browser(port);
    designer.logIn("designer", "cockpit");
    assertThat(designer.download(href, null, Map.of()).status()).isEqualTo(403);
    assertThat(TestHttp.browser(port).download(href, null, Map.of()).status()).isEqualTo(401);
  }

  /** The document links are read with the form (form-variables), so a document added to an open task shows at once. */
  @Test
  void tasksShowTheDocumentLinks() {
    String customer = customer();
    String caseId = open(customer);
    Task review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    assertThat(documentLinks(review)).isEqualTo("暂无文件 No documents.");

    JsonNode added = read(upload(caseId, "shop", Map.of(CUSTOMER, customer), "", file("my_photo.png", "image/png", png())));
    String link = "- [my\\_photo.png](" + added.get("href").asText() + ") (by customer, ";

    assertThat(documentLinks(review)).as("a task created before the document")
        .asString().startsWith(link).endsWith("（北京时间）)");
    engine.getRuntimeService().startProcessInstanceByKey(AccessCheckProcess.KEY, caseId);
    Task created = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
        .taskDefinitionKey(AccessCheckProcess.TASK_AGENT_WORK).singleResult();
    assertThat(documentLinks(created)).as("new task").asString().startsWith(link).doesNotContain("\n");
    assertThat(engine.getTaskService().getVariablesLocal(review.getId())).as("nothing stored on the task").isEmpty();
  }

  /** The task's document links as its form reads them, as the agent working it. */
  private Object documentLinks(Task task) {
    return org.aftersales.TaskFormReads.shown(http, task.getId(), "agent").get(CaseSummary.DOCUMENTS);
  }

  @Test
  void theEndpointsAreDocumented() {
    String docs = http.get("/v3/api-docs", "shop").body();
    assertThat(docs).contains("/api/cases/{caseId}/documents", "/api/cases/{caseId}/documents/{documentId}",
        "multipart/form-data", "Case documents");
  }

  private void assertRefused(Response response, int status, String mentions) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains(mentions);
  }

  private Response upload(String caseId, String user, Map<String, String> headers, String query, Part... parts) {
    return http.postMultipart("/api/cases/" + caseId + "/documents" + query, user, List.of(parts), headers);
  }

  private Response list(String caseId, String user, Map<String, String> headers) {
    return http.send("GET", "/api/cases/" + caseId + "/documents", user, null, null, headers);
  }

  private static String href(Response added) {
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    return read(added).get("href").asText();
  }

  private static Part file(String name, String contentType, byte[] content) {
    return Part.file("file", name, contentType, content);
  }

  private String open(String customer) {
    return flow.open(ReturnFlowDriver.with("customerId", customer));
  }

  private static String customer() {
    return "C-DOC-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private long documents() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case_document", Long.class);
  }

  private static JsonNode read(Response response) {
    return ReturnFlowDriver.read(response);
  }
}
