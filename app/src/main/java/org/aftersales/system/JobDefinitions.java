package org.aftersales.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * What the engine has read of its job definitions and never changes (issue 21): the element each belongs to, its type
 * and configuration, fixed when its process is deployed (only a definition's suspension state and priority change,
 * and they are not kept here). The engine reads a job's definition from {@code ACT_RU_JOBDEF} when it executes the
 * job (for the element) and when it writes a job log entry (for the type and configuration): twice in a transaction
 * that does nothing else with it. {@link EngineEntityManager} keeps every definition the engine reads and gives a job
 * its element from here; {@link HistoryRemovalTimes} writes job log entries from here.
 */
@Component
public class JobDefinitions {

  /** Definitions kept at most; a full memory starts again (a deployment brings a few). */
  static final int KEPT = 10_000;

  /** A definition's element, type and configuration. */
  public record Fixed(String activityId, String type, String configuration) {}

  private final Map<String, Fixed> byId = new ConcurrentHashMap<>();

  /** Keeps what does not change of a definition the engine has read (once: it does not change). */
  public void read(JobDefinitionEntity definition) {
    if (definition.getId() == null || byId.containsKey(definition.getId())) {
      return;
    }
    if (byId.size() >= KEPT) {
      byId.clear();
    }
    byId.put(definition.getId(), new Fixed(definition.getActivityId(), definition.getJobType(),
        definition.getJobConfiguration()));
  }

  /** What was kept of a definition, or null. */
  public Fixed of(String definitionId) {
    return definitionId == null ? null : byId.get(definitionId);
  }
}
