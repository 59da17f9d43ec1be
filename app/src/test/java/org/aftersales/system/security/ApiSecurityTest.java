package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Response;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** HTTP Basic on /api, /engine-rest and actuator: 401 without a user, 403 without the group, 200 with it. */
@AfterSalesIntegrationTest
class ApiSecurityTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
  TestHttp http;

  @BeforeEach
  void client() {
    http = TestHttp.on(port);
  }

  @ParameterizedTest(name = "{0} without credentials: 401")
  @CsvSource({"/engine-rest/task", "/engine-rest/process-definition", "/api/me", "/api/cases/AS-1",
      "/actuator/prometheus", "/v3/api-docs", "/swagger-ui/index.html"})
  void noCredentialsGet401AsProblem(String path) {
    Response response = http.get(path, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    assertThat(response.body()).contains("\"status\":401");
  }

  @Test
  void wrongPasswordOrUnknownUserGets401() {
    // a user of its own: Camunda locks a user for a while after a wrong password, which would fail other tests
    // letters and digits only: the ids Camunda takes for users
    String id = "locked" + java.util.UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
    user.setPassword("Right-" + id);
    identityService.saveUser(user);
    identityService.createMembership(id, "managers");
    try {
      assertThat(http.get("/api/me", id + ":wrong").status()).isEqualTo(401);
      assertThat(http.get("/engine-rest/task", id + ":wrong").status()).isEqualTo(401);
      assertThat(http.get("/api/me", "nobody:nobody").status()).isEqualTo(401);
    } finally {
      identityService.deleteUser(id);
    }
  }

  @ParameterizedTest(name = "{1} on {0}: {2}")
  @CsvSource({
      "/engine-rest/task,              shop,       403",
      "/engine-rest/task,              agent,      200",
      "/engine-rest/task,              manager,    200",
      "/engine-rest/process-definition, designer,  200",
      "/api/me,                        shop,       200",
      "/api/me,                        inspector,  200",
      "/api/reports/sla,               agent,      403",
      "/api/reports/sla,               shop,       403",
      "/api/cases/AS-1,                inspector,  403",
      "/api/cases/AS-1,                finance,    403",
      "/actuator/prometheus,           agent,      403",
      "/actuator/prometheus,           shop,       403",
      "/actuator/prometheus,           manager,    200",
      "/actuator/prometheus,           admin,      200",
      "/simulators/payment/refunds/x,  agent,      403",
      "/simulators/carrier/parcels/x,  manager,    403"})
  void eachPathIsOpenOnlyToItsGroups(String path, String user, int expected) {
    Response response = http.get(path, user);

    assertThat(response.status()).isEqualTo(expected);
    if (expected == 403) {
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.body()).contains("not in a group that may use");
    }
  }

  @Test
  void meNamesTheUserAndItsGroups() {
    Response response = http.get("/api/me", "shop");

    assertThat(response.body()).contains("\"userId\":\"shop\"").contains("\"groups\":[\"shop-integration\"]");
  }

  @Test
  void healthIsOpenWithoutDetails() {
    Response anonymous = http.get("/actuator/health", null);
    Response manager = http.get("/actuator/health", "manager");

    assertThat(anonymous.status()).isEqualTo(200);
    // the status only: which components there are is for operators (issue 16)
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("\"jobExecutor\"")
        .doesNotContain("\"db\"").doesNotContain("\"details\"");
    assertThat(manager.body()).contains("\"jobExecutor\"").contains("\"details\"");
  }

  @Test
  void eachGroupSeesOnlyItsOwnTasks() {
    String instanceId = runtimeService.startProcessInstanceByKey(AccessCheckProcess.KEY, "visibility").getId();
    String query = "/engine-rest/task?processInstanceId=" + instanceId;

    assertThat(http.get(query, "agent").body())
        .contains(AccessCheckProcess.TASK_AGENT_WORK).doesNotContain(AccessCheckProcess.TASK_INSPECTOR_WORK);
    assertThat(http.get(query, "inspector").body())
        .contains(AccessCheckProcess.TASK_INSPECTOR_WORK).doesNotContain(AccessCheckProcess.TASK_AGENT_WORK);
    assertThat(http.get(query, "finance").body()).isEqualTo("[]");
    assertThat(http.get(query, "manager").body())
        .contains(AccessCheckProcess.TASK_AGENT_WORK).contains(AccessCheckProcess.TASK_INSPECTOR_WORK);
  }

  @Test
  void aGroupWorksItsOwnTasksOnlyAndManagersChangeNothing() {
    String instanceId = runtimeService.startProcessInstanceByKey(AccessCheckProcess.KEY, "work").getId();
    Task agentTask = task(instanceId, AccessCheckProcess.TASK_AGENT_WORK);
    Task inspectorTask = task(instanceId, AccessCheckProcess.TASK_INSPECTOR_WORK);

    assertThat(complete(inspectorTask, "agent").status()).isEqualTo(403);
    assertThat(complete(agentTask, "manager").status()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().processInstanceId(instanceId).count()).isEqualTo(2);

    assertThat(complete(agentTask, "agent").status()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().processInstanceId(instanceId).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly(AccessCheckProcess.TASK_INSPECTOR_WORK);
  }

  @Test
  void designersDeployAndManagersMayNot() {
    String boundary = "----aftersales";
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"designer-try\" "
        + "isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\"><startEvent id=\"StartEvent_Try\"/></process></definitions>";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ndesigner-try\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"designer-try.bpmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    String contentType = "multipart/form-data; boundary=" + boundary;

    Response manager = http.send("POST", "/engine-rest/deployment/create", "manager", contentType, body, java.util.Map.of());
    assertThat(manager.status()).isEqualTo(403);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("designer-try").count()).isZero();

    Response designer = http.send("POST", "/engine-rest/deployment/create", "designer", contentType, body, java.util.Map.of());
    assertThat(designer.status()).isEqualTo(200);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("designer-try").count()).isOne();
  }

  private Response complete(Task task, String user) {
    return http.postJson("/engine-rest/task/" + task.getId() + "/complete", user, "{}");
  }

  private Task task(String instanceId, String definitionKey) {
    return taskService.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(definitionKey).singleResult();
  }
}
