package org.aftersales.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

/**
 * The bare return flow ({@code benchmark/bare-return.bpmn}): the same wait states, asynchronous continuations and
 * call activity as the real one's happy path, no-op delegates. Started through the RuntimeService, its tasks completed
 * through the TaskService and its messages correlated through the RuntimeService: what the engine costs alone.
 */
public final class BareFlow implements Flow {

  public static final String KEY = "bare-return";
  public static final String REFUND_KEY = "bare-refund-payment";
  public static final String END = "EndEvent_Refunded";
  private static final int PAGE = 200;

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final AtomicLong numbers = new AtomicLong();

  public BareFlow(ProcessEngine engine) {
    this.tasks = engine.getTaskService();
    this.runtime = engine.getRuntimeService();
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public String open() {
    String businessKey = "BARE-" + System.nanoTime() + "-" + numbers.incrementAndGet();
    runtime.startProcessInstanceByKey(KEY, businessKey, Map.of("paidAmount", FullFlow.PAID));
    return businessKey;
  }

  @Override
  public boolean opensInTheApplication() {
    return true;
  }

  @Override
  public List<Step> steps() {
    return List.of(
        Step.inTheApplication("review", () -> tasks("Task_ReviewRequest"),
            item -> tasks.complete(item.id(), Map.of("reviewDecision", "APPROVE"))),
        Step.inTheApplication("parcel", () -> waiting(KEY, "Task_AwaitGoodsDelivered"),
            item -> correlate("Msg_BareParcelDelivered", item)),
        Step.inTheApplication("inspection", () -> tasks("Task_InspectGoods"),
            item -> tasks.complete(item.id(), Map.of("inspectionPassed", true, "inspectionCondition", "NEW"))),
        Step.inTheApplication("refund", () -> waiting(REFUND_KEY, "Task_AwaitRefundResult"),
            item -> correlate("Msg_BareRefundSettled", item)));
  }

  private List<Item> tasks(String taskKey) {
    return Flow.openTasks(tasks, KEY, taskKey, PAGE);
  }

  private List<Item> waiting(String processKey, String activityId) {
    return runtime.createExecutionQuery().processDefinitionKey(processKey).activityId(activityId).listPage(0, PAGE)
        .stream().map(e -> new Item(e.getId(), e.getProcessInstanceId(), null)).toList();
  }

  private void correlate(String message, Item item) {
    runtime.createMessageCorrelation(message).processInstanceId(item.processInstanceId()).correlate();
  }
}
