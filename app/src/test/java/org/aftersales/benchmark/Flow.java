package org.aftersales.benchmark;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.TaskService;

/**
 * A flow the benchmark drives: how a case is opened, and the steps of people and outside systems that move it on,
 * each found by polling (on threads whose statements are not counted) and done by the load's workers (counted).
 */
public interface Flow {

  /** The process whose completions count. */
  String key();

  /** Opens one case and returns its business key. */
  String open();

  /**
   * Whether {@link #open} runs the application's own work on the opener's thread (the engine called directly) rather
   * than asking the application over HTTP: its CPU then counts as the application's, not the load generator's.
   */
  default boolean opensInTheApplication() {
    return false;
  }

  /** The steps that move a case from opening to its end, besides the job executor's. */
  List<Step> steps();

  /** The open tasks of one kind in a process, at most a page, as items to work on. */
  static List<Item> openTasks(TaskService tasks, String processKey, String taskKey, int page) {
    return tasks.createTaskQuery().processDefinitionKey(processKey).taskDefinitionKey(taskKey).listPage(0, page).stream()
        .map(t -> new Item(t.getId(), t.getProcessInstanceId(), null)).toList();
  }

  /** One thing to do for one case: complete a task, hand in an event. */
  record Item(String id, String processInstanceId, String data) {}

  /**
   * A step: what is waiting for it ({@code poll}, at most a page), and doing it for one case ({@code act}).
   * {@code inTheApplication}: {@code act} runs the application's own work on the worker's thread (a task completed
   * through the TaskService, as Tasklist's request would on the web server's; a message correlated), so its CPU counts
   * as the application's; otherwise the worker is a client (an HTTP call) and its CPU is the load generator's.
   */
  record Step(String name, Supplier<List<Item>> poll, Consumer<Item> act, boolean inTheApplication) {

    /** A step whose work is done by the engine on the worker's thread. */
    static Step inTheApplication(String name, Supplier<List<Item>> poll, Consumer<Item> act) {
      return new Step(name, poll, act, true);
    }

    /** A step whose worker calls the application from outside. */
    static Step fromOutside(String name, Supplier<List<Item>> poll, Consumer<Item> act) {
      return new Step(name, poll, act, false);
    }
  }
}
