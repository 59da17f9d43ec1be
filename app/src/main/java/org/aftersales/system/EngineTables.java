package org.aftersales.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

/**
 * The engine's table names, with the prefix it is configured with, for our native queries on its tables: each asked of
 * the engine once (issue 21: the service figures at close and the follow-up's start use them on every case).
 */
@Component
public class EngineTables {

  private final ManagementService management;
  private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

  public EngineTables(ManagementService management) {
    this.management = management;
  }

  /** The table of an entity or API type ({@code HistoricProcessInstance.class}, {@code Execution.class}, ...). */
  public String of(Class<?> entity) {
    return names.computeIfAbsent(entity, management::getTableName);
  }
}
