package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.notification.NotificationRelay;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives return cases in tests the way the outside world does: opens them through the case API as the
 * shop, hands in carrier and payment events through their endpoints (signed, as the demo carrier and provider), and runs due jobs like the job
 * executor would (process tests switch the job executor off to decide when jobs run).
 */
public final class ReturnFlowDriver {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SHOP = "shop";

  private final TestHttp http;
  private final ProcessEngine engine;

  public ReturnFlowDriver(int port, ProcessEngine engine) {
    this.http = TestHttp.on(port);
    this.engine = engine;
  }

  public TestHttp http() {
    return http;
  }

  /** A request body; {@code overrides} replace top-level fields (null removes one). */
  public static String request(Map<String, Object> overrides) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", "RETURN");
    body.put("orderId", "O-20261111-0001");
    body.put("customerId", "C-" + UUID.randomUUID().toString().substring(0, 8));
    body.put("sellerId", "S-77");
    body.put("channel", "APP");
    body.put("reason", "NOT_AS_DESCRIBED");
    body.put("description", "Colour differs from the listing");
    body.put("deliveredAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(3).withNano(0).toString());
    body.put("items", List.of(Map.of("sku", "PHONE-X-BLUE", "name", "Phone X", "quantity", 1, "unitPrice", "2999.00")));
    body.put("paidAmount", "2999.00");
    body.put("currency", "CNY");
    body.put("contact", Map.of("name", "Li Wei", "email", "li.wei@example.com", "phone", "+86 138 0000 5678",
        "address", Map.of("line1", "1 Nanjing Road", "city", "Shanghai", "postalCode", "200001", "country", "CN")));
    overrides.forEach((k, v) -> {
      if (v == null) {
        body.remove(k);
      } else {
        body.put(k, v);
      }
    });
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Overrides as key-value pairs; a null value removes the field. */
  public static Map<String, Object> with(Object... keyValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Opens a case and returns its id. */
  public String open(Map<String, Object> overrides) {
    TestHttp.Response response = http.postJson("/api/cases", SHOP, request(overrides));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return read(response).get("caseId").asText();
  }

  public JsonNode view(String caseId) {
    TestHttp.Response response = http.get("/api/cases/" + caseId, SHOP);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return read(response);
  }

  public List<String> timeline(String caseId) {
    return view(caseId).get("timeline").findValuesAsText("event");
  }

  public TestHttp.Response parcelEvent(String trackingNumber, String status) {
    return parcelEvent(UUID.randomUUID().toString(), trackingNumber, status);
  }

  public TestHttp.Response parcelEvent(String eventId, String trackingNumber, String status) {
    return TestCallbacks.post(http, "/api/events/parcels", "{\"eventId\":\"" + eventId + "\",\"trackingNumber\":\""
        + trackingNumber + "\",\"status\":\"" + status + "\",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}");
  }

  /**
   * The provider's callback for a refund: the provider's book says so first (settled in the simulator without its
   * own callback; a refund it settled already keeps its result), then the callback comes, signed.
   */
  public TestHttp.Response paymentEvent(String eventId, String refundId, String status, String amount) {
    inTheProvidersBook("/simulators/payment/refunds/" + refundId, status);
    return TestCallbacks.post(http, "/api/events/payments", "{\"eventId\":\"" + eventId + "\",\"refundId\":\"" + refundId
        + "\",\"status\":\"" + status + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\""
        + (status.equals("FAILED") ? ",\"failureReason\":\"Card account closed\"" : "")
        + ",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}");
  }

  public TestHttp.Response chargeEvent(String chargeId, String status, String amount) {
    inTheProvidersBook("/simulators/payment/charges/" + chargeId, status);
    return TestCallbacks.post(http, "/api/events/payments", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"chargeId\":\""
        + chargeId + "\",\"status\":\"" + status + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\""
        + ",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}");
  }

  /** Settles a pending refund or charge in the payment simulator's book, without a callback. */
  private void inTheProvidersBook(String path, String status) {
    http.postJson(path + "/settle", SHOP, "{\"status\":\"" + status + "\",\"callback\":false"
        + (status.equals("FAILED") ? ",\"failureReason\":\"Card account closed\"" : "") + "}");
  }

  public ProcessInstance instance(String caseId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(ReturnProcess.KEY).singleResult();
  }

  /** The running refund of the case (process refund-payment), if any. */
  public ProcessInstance instance(String caseId, String processKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(processKey).singleResult();
  }

  /** The open task {@code key} of the process instance; fails if there is none. */
  public org.camunda.bpm.engine.task.Task task(ProcessInstance pi, String key) {
    org.camunda.bpm.engine.task.Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(key).singleResult();
    assertThat(task).as("task " + key).isNotNull();
    return task;
  }

  /** Waits until the case's process has its task {@code key} open, and returns it. */
  public org.camunda.bpm.engine.task.Task awaitTask(String caseId, String key) {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
            .taskDefinitionKey(key).singleResult(), t -> t != null);
  }

  /** The candidate groups of a task. */
  public List<String> groups(org.camunda.bpm.engine.task.Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
  }

  public ProcessInstance refundInstance(String caseId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(RefundProcess.KEY).singleResult();
  }

  private String[] allInstances(String caseId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
        .stream().map(i -> i.getId()).toArray(String[]::new);
  }

  /**
   * Runs every job that is due now (not timers in the future), as the job executor would, then sends the notices the
   * steps queued, as the relay would after their commits (tests switch its background runs off with
   * {@code aftersales.notification.relay-background=false} to decide when mails go out).
   */
  public void runDueJobs() {
    ManagementService management = engine.getManagementService();
    for (int i = 0; i < 100; i++) {
      List<Job> jobs = management.createJobQuery().executable().listPage(0, 1);
      if (jobs.isEmpty()) {
        sendMails();
        return;
      }
      try {
        management.executeJob(jobs.get(0).getId());
      } catch (org.camunda.bpm.engine.OptimisticLockingException takenMeanwhile) {
        // the job executor (on in the shared application) ran the same job at the same time: it is done either way
      }
    }
    throw new IllegalStateException("Jobs keep coming: a loop in the model?");
  }

  /** Sends the queued notices now, as the relay does after a commit; returns how many it sent. */
  public int sendMails() {
    return relay(engine).sendPending();
  }

  /** The application's notification relay, from the Spring context the engine was made in. */
  public static NotificationRelay relay(ProcessEngine engine) {
    try {
      java.lang.reflect.Field context = SpringProcessEngineConfiguration.class.getDeclaredField("applicationContext");
      context.setAccessible(true);
      return ((org.springframework.context.ApplicationContext) context.get(engine.getProcessEngineConfiguration()))
          .getBean(NotificationRelay.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The engine was not made by Spring", e);
    }
  }

  /** Fires the timer on {@code activityId} of the case now, as if its time had come, then runs due jobs. */
  public void fireTimer(String caseId, String activityId) {
    Job timer = engine.getManagementService().createJobQuery().activityId(activityId).list().stream()
        .filter(j -> java.util.Arrays.asList(allInstances(caseId)).contains(j.getProcessInstanceId()))
        .findFirst().orElse(null);
    assertThat(timer).as("timer on " + activityId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    runDueJobs();
  }

  public Object variable(String caseId, String name) {
    // the case's processes (the return and its refunds); the value any of them holds
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(allInstances(caseId))
        .variableName(name).list().stream().map(v -> v.getValue()).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  /**
   * Waits until the task is in the user's group queue, then completes it over Camunda's REST API with the
   * form Tasklist shows for it, as a person in Tasklist would.
   */
  public void decide(String caseId, String user, String taskKey, String variables,
      java.time.Duration patience) {
    org.camunda.bpm.engine.task.Task task = org.awaitility.Awaitility.await().atMost(patience)
        .until(() -> engine.getTaskService().createTaskQuery()
            .processInstanceBusinessKey(caseId).taskDefinitionKey(taskKey).singleResult(), t -> t != null);
    TestHttp.Response queue = http.get("/engine-rest/task?candidateUser=" + user + "&processInstanceBusinessKey=" + caseId, user);
    assertThat(queue.body()).contains(task.getId());
    // the Camunda Form Tasklist shows for the task, found in the same deployment
    TestHttp.Response form = http.get("/engine-rest/task/" + task.getId() + "/deployed-form", user);
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.body()).contains("\"components\"");
    TestHttp.Response done = http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", user,
        "{\"variables\":" + variables + "}");
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  public static JsonNode read(TestHttp.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(response.body(), e);
    }
  }
}
