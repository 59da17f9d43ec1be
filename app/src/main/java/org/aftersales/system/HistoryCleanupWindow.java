package org.aftersales.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The nightly window in which the engine removes history past its models' time to live
 * ({@code aftersales.history-cleanup.*}). With {@code automatic=false} no window is set, so the engine schedules no
 * cleanup job at all (the test suite does this: it runs at any hour, and a cleanup job due in the middle of a test
 * would be one job more than the test made); cleanup can then still be started by hand (Cockpit, REST).
 */
@Component
public class HistoryCleanupWindow extends AbstractProcessEnginePlugin {

  private final boolean automatic;
  private final String start;
  private final String end;

  public HistoryCleanupWindow(@Value("${aftersales.history-cleanup.automatic:true}") boolean automatic,
      @Value("${aftersales.history-cleanup.window-start:22:00}") String start,
      @Value("${aftersales.history-cleanup.window-end:06:00}") String end) {
    this.automatic = automatic;
    this.start = start;
    this.end = end;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (automatic) {
      configuration.setHistoryCleanupBatchWindowStartTime(start);
      configuration.setHistoryCleanupBatchWindowEndTime(end);
    }
  }
}
