package org.aftersales.system;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.springframework.stereotype.Component;

/**
 * History rows get their removal time when they are written ({@code history-removal-time-strategy=start},
 * application.properties; issue 21). With that strategy the engine looks up every job log entry's job definition
 * configuration as a batch id, in {@code ACT_HI_BATCH}: a query per job log entry (11 per return case), though only
 * a batch job's configuration is a batch id. This engine's ids are UUIDs ({@link StrongUuidGenerator}, the Spring
 * Boot starter's default), so is every batch id; a configuration that is not one ({@code async-before},
 * {@code DURATION: ${...}}) is no batch, and is not looked up. With another id generator everything is looked up, as
 * the engine does.
 */
@Component
public class HistoryRemovalTimes extends AbstractProcessEnginePlugin {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new Producer());
    }
  }

  /** The engine's producer, which does not look up a batch by what cannot be a batch's id. */
  static class Producer extends CacheAwareHistoryEventProducer {

    @Override
    protected HistoricBatchEntity getHistoricBatchById(String batchId) {
      if (batchId == null || (!UUID.matcher(batchId).matches()
          && Context.getProcessEngineConfiguration().getIdGenerator() instanceof StrongUuidGenerator)) {
        return null;
      }
      return super.getHistoricBatchById(batchId);
    }
  }
}
