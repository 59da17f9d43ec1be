package org.aftersales.benchmark;

import java.util.HashMap;
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
 *
 * <p>{@link #withCaseData}: the same, carrying the process variables a real return case keeps (the names and types
 * {@link FullFlow}'s cases leave in {@code ACT_HI_VARINST}, with values like theirs: 17 in the return process, 4 in the
 * refund), each created in the transaction where the real flow creates it, or in a later one of the same case (the
 * tracking number when the parcel arrives, the refund's when it settles): what the engine costs for the case's data
 * with full history, before anything of ours runs. Not in it: the follow-up visit started at the close (one more
 * process instance, its timer and its variable) and the refund status's one update.
 */
public final class BareFlow implements Flow {

  public static final String KEY = "bare-return";
  public static final String REFUND_KEY = "bare-refund-payment";
  public static final String END = "EndEvent_Refunded";
  private static final int PAGE = 200;

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final AtomicLong numbers = new AtomicLong();
  private final boolean caseData;

  public BareFlow(ProcessEngine engine) {
    this(engine, false);
  }

  private BareFlow(ProcessEngine engine, boolean caseData) {
    this.tasks = engine.getTaskService();
    this.runtime = engine.getRuntimeService();
    this.caseData = caseData;
  }

  /** The bare flow with a real case's process variables ({@code bare-data}). */
  public static BareFlow withCaseData(ProcessEngine engine) {
    return new BareFlow(engine, true);
  }

  /** {@code bare}, or {@code bare-data} with the case's variables. */
  public String label() {
    return caseData ? "bare-data" : "bare";
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public String open() {
    String businessKey = "BARE-" + System.nanoTime() + "-" + numbers.incrementAndGet();
    Map<String, Object> variables = Map.of("paidAmount", FullFlow.PAID);
    if (caseData) {
      // what the return process holds when its review task is created: the request, and the eligibility decision
      variables = Map.of("caseType", "RETURN", "reason", "NOT_AS_DESCRIBED", "requestedAmount", FullFlow.PAID,
          "returnMethod", "PICKUP", "withReturn", true, "eligible", true, "autoApprove", false,
          "eligibilityNote", "Within the return period", "postagePaidBy", "SELLER");
    }
    runtime.startProcessInstanceByKey(KEY, businessKey, variables);
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
            item -> correlate("Msg_BareParcelDelivered", item,
                caseData ? Map.of("trackingNumber", "TRK" + item.processInstanceId()) : Map.of())),
        Step.inTheApplication("inspection", () -> tasks("Task_InspectGoods"),
            item -> tasks.complete(item.id(), inspected(item))),
        Step.inTheApplication("refund", () -> waiting(REFUND_KEY, "Task_AwaitRefundResult"),
            item -> correlate("Msg_BareRefundSettled", item, caseData ? Map.of("refundAmount", FullFlow.PAID,
                "refundId", "RF-" + item.processInstanceId(), "refundNumberBase", 1, "refundStatus", "SUCCEEDED")
                : Map.of())));
  }

  private Map<String, Object> inspected(Item item) {
    Map<String, Object> variables = new HashMap<>(Map.of("inspectionPassed", true, "inspectionCondition", "NEW"));
    if (caseData) {
      // the refund the real flow calculates right after the inspection, in the same transaction
      variables.putAll(Map.of("calculatedRefundAmount", FullFlow.PAID, "refundAmount", FullFlow.PAID,
          "refundId", "RF-" + item.processInstanceId(), "resolution", "REFUND"));
    }
    return variables;
  }

  private List<Item> tasks(String taskKey) {
    return Flow.openTasks(tasks, KEY, taskKey, PAGE);
  }

  private List<Item> waiting(String processKey, String activityId) {
    return runtime.createExecutionQuery().processDefinitionKey(processKey).activityId(activityId).listPage(0, PAGE)
        .stream().map(e -> new Item(e.getId(), e.getProcessInstanceId(), null)).toList();
  }

  private void correlate(String message, Item item, Map<String, Object> variables) {
    runtime.createMessageCorrelation(message).processInstanceId(item.processInstanceId()).setVariables(variables)
        .correlate();
  }
}
