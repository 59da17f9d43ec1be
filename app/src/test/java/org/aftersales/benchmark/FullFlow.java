package org.aftersales.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.TestCallbacks;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.aftersales.returns.ReturnProcess.Element;
import org.aftersales.returns.ReturnProcess.Var;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

/**
 * The real {@code return-request} flow, as the shop, the agents and the carrier move it: a return of a phone not as
 * described is opened through {@code POST /api/cases}; an agent approves it and an inspector passes the goods
 * (completed through Camunda's TaskService, as Tasklist does through the engine); the carrier reports the booked
 * pickup collected and delivered through {@code POST /api/events/parcels}. The job executor runs the asynchronous
 * steps (mails, pickup booking, refund request) and the payment simulator settles the refund and calls back, as in
 * production. The case ends refunded in full ({@link #PAID}).
 */
public final class FullFlow implements Flow {

  public static final String KEY = ReturnProcess.KEY;
  /** What each case asks and is refunded. */
  public static final String PAID = "2999.00";
  private static final int PAGE = 200;

  private final TestHttp http;
  private final TaskService tasks;
  private final RuntimeService runtime;

  public FullFlow(int port, ProcessEngine engine) {
    this.http = TestHttp.on(port);
    this.tasks = engine.getTaskService();
    this.runtime = engine.getRuntimeService();
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public String open() {
    TestHttp.Response response = http.send("POST", "/api/cases", "shop", "application/json",
        ReturnFlowDriver.request(Map.of("paidAmount", PAID)), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    if (response.status() != 201) {
      throw new IllegalStateException("Opening a case answered " + response.status() + ": " + response.body());
    }
    JsonNode body = ReturnFlowDriver.read(response);
    return body.get("caseId").asText();
  }

  @Override
  public List<Step> steps() {
    return List.of(
        Step.inTheApplication("review", () -> tasks(Element.REVIEW),
            item -> tasks.complete(item.id(), Map.of(Var.REVIEW_DECISION, "APPROVE"))),
        Step.fromOutside("parcel", this::parcelsOnTheirWay, this::collectedAndDelivered),
        Step.inTheApplication("inspection", () -> tasks(Element.INSPECT),
            item -> tasks.complete(item.id(), Map.of(Var.INSPECTION_PASSED, true, Var.INSPECTION_CONDITION, "NEW"))));
  }

  private List<Item> tasks(String taskKey) {
    return Flow.openTasks(tasks, KEY, taskKey, PAGE);
  }

  private List<Item> parcelsOnTheirWay() {
    return runtime.createExecutionQuery().processDefinitionKey(KEY).activityId(Element.AWAIT_GOODS).listPage(0, PAGE)
        .stream().map(e -> new Item(e.getId(), e.getProcessInstanceId(),
            (String) runtime.getVariable(e.getProcessInstanceId(), Var.TRACKING_NUMBER))).toList();
  }

  private void collectedAndDelivered(Item item) {
    for (String status : List.of("PICKED_UP", "DELIVERED")) {
      TestHttp.Response response = TestCallbacks.post(http, "/api/events/parcels", "{\"eventId\":\"" + UUID.randomUUID()
          + "\",\"trackingNumber\":\"" + item.data() + "\",\"status\":\"" + status + "\",\"occurredAt\":\""
          + OffsetDateTime.now() + "\"}");
      if (response.status() != 200) {
        throw new IllegalStateException("Parcel event " + status + " answered " + response.status() + ": "
            + response.body());
      }
    }
  }
}
