package org.aftersales.system.security;

import java.util.Map;
import java.util.Set;

/**
 * What a task's form shows but no flow keeps: values computed from the task's case when the form reads its
 * variables ({@link TaskFormVariables}), never stored as variables. Declared here, implemented by the core (the
 * case summary), so that the filters know the names without knowing the cases.
 */
public interface TaskDisplayValues {

  /** The names of every display value. */
  Set<String> names();

  /**
   * The task's display values by name (texts, and numbers where a form computes with them); empty for a task
   * without a case or one that is gone. Called with the engine's authorization checks off: the caller has
   * checked that the user may read the task.
   */
  Map<String, Object> of(String taskId);
}
