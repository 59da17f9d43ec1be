package org.aftersales.system;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Our history event producer: the engine's own, with look-ups left out (issue 21).
 *
 * <p>History rows get their removal time when they are written ({@code history-removal-time-strategy=start},
 * application.properties; issue 21). With that strategy the engine looks up every job log entry's job definition
 * configuration as a batch id, in {@code ACT_HI_BATCH}: a query per job log entry (11 per return case), though only
 * a batch job's configuration is a batch id. This engine's ids are UUIDs ({@link StrongUuidGenerator}, the Spring
 * Boot starter's default), so is every batch id; a configuration that is not one ({@code async-before},
 * {@code DURATION: ${...}}) is no batch, and is not looked up. With another id generator everything is looked up, as
 * the engine does.
 *
 * <p>Each job log entry names its job's definition, its type and configuration, which the engine reads from
 * {@code ACT_RU_JOBDEF} for every entry. They are fixed when the definition is deployed; an entry of a definition the
 * engine has read before ({@link JobDefinitions}) takes them from there, unless its configuration may be a batch id
 * (then the engine reads it, and gives the entry the batch's removal time as before).
 *
 * <p>The root process instance whose removal time every row takes is read once a transaction; one this node wrote or
 * read a moment ago is taken from {@link HistoryScopes}.
 */
@Component
public class HistoryRemovalTimes extends AbstractProcessEnginePlugin {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JobDefinitions jobDefinitions;
  private final HistoryScopes scopes;

  public HistoryRemovalTimes(JobDefinitions jobDefinitions, HistoryScopes scopes) {
    this.jobDefinitions = jobDefinitions;
    this.scopes = scopes;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new Producer(jobDefinitions, scopes));
    }
  }

  /** The engine's producer, which looks up neither a batch by what cannot be its id nor a known job definition. */
  static class Producer extends CacheAwareHistoryEventProducer {

    private final JobDefinitions jobDefinitions;
    private final HistoryScopes scopes;

    Producer(JobDefinitions jobDefinitions, HistoryScopes scopes) {
      this.jobDefinitions = jobDefinitions;
      this.scopes = scopes;
    }

    /**
     * The root process instance whose removal time a history row takes: the one this transaction holds, else the one
     * {@link HistoryScopes} kept a moment ago, else read as the engine does (and kept).
     */
    @Override
    protected HistoricProcessInstanceEventEntity getHistoricRootProcessInstance(String rootId) {
      HistoricProcessInstanceEventEntity root = Context.getCommandContext().getDbEntityManager()
          .getCachedEntity(HistoricProcessInstanceEventEntity.class, rootId);
      if (root == null) {
        root = scopes.root(rootId);
      }
      if (root == null) {
        root = super.getHistoricRootProcessInstance(rootId);
        if (root != null) {
          scopes.removalTimeRead(rootId, root.getRemovalTime());
        }
      }
      return root;
    }

    @Override
    protected HistoricBatchEntity getHistoricBatchById(String batchId) {
      return mayBeBatch(batchId) ? super.getHistoricBatchById(batchId) : null;
    }

    @Override
    protected void initHistoricJobLogEvent(HistoricJobLogEventEntity entry, Job job, HistoryEventType type) {
      JobEntity entity = (JobEntity) job;
      String definitionId = entity.getJobDefinitionId();
      JobDefinitions.Fixed known = jobDefinitions.of(definitionId);
      if (known == null || mayBeBatch(known.configuration())) {
        super.initHistoricJobLogEvent(entry, job, type);
        return;
      }
      // without its definition's id the engine fills in everything else and reads no definition
      entity.setJobDefinitionId(null);
      try {
        super.initHistoricJobLogEvent(entry, job, type);
      } finally {
        entity.setJobDefinitionId(definitionId);
      }
      entry.setJobDefinitionId(definitionId);
      entry.setJobDefinitionType(known.type());
      entry.setJobDefinitionConfiguration(known.configuration());
    }

    /** Whether a job configuration may be the id of one of this engine's batches. */
    private static boolean mayBeBatch(String configuration) {
      return configuration != null && (UUID.matcher(configuration).matches()
          || !(Context.getProcessEngineConfiguration().getIdGenerator() instanceof StrongUuidGenerator));
    }
  }
}
