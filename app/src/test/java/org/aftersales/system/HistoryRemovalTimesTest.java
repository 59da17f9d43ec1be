package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbIdGenerator;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricBatchManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: with removal times set at the start, the engine asks {@code ACT_HI_BATCH} for a batch whose id is each
 * job log entry's job configuration. {@link HistoryRemovalTimes} asks only for what can be a batch id of this engine.
 */
class HistoryRemovalTimesTest {

  private static final String BATCH_ID = "0f93bb49-f155-11f1-bfae-02fc00000001";

  private final StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
  private final HistoricBatchManager batches = mock(HistoricBatchManager.class);
  private final HistoricBatchEntity batch = new HistoricBatchEntity();

  @BeforeEach
  void inACommand() {
    CommandContext command = mock(CommandContext.class);
    when(command.getHistoricBatchManager()).thenReturn(batches);
    when(batches.findHistoricBatchById(BATCH_ID)).thenReturn(batch);
    Context.setCommandContext(command);
    Context.setProcessEngineConfiguration(configuration);
  }

  @AfterEach
  void outOfIt() {
    Context.removeCommandContext();
    Context.removeProcessEngineConfiguration();
  }

  @Test
  void theEngineIsGivenTheProducer() {
    StandaloneInMemProcessEngineConfiguration engine = new StandaloneInMemProcessEngineConfiguration();
    new HistoryRemovalTimes(new JobDefinitions(), new HistoryScopes()).preInit(engine);
    assertThat(engine.getHistoryEventProducer()).isInstanceOf(HistoryRemovalTimes.Producer.class);
  }

  @Test
  void aJobConfigurationThatIsNoUuidIsNotLookedUpAsABatch() {
    configuration.setIdGenerator(new StrongUuidGenerator());
    HistoryRemovalTimes.Producer producer = new HistoryRemovalTimes.Producer(new JobDefinitions(), new HistoryScopes());

    assertThat(producer.getHistoricBatchById("async-before")).isNull();
    assertThat(producer.getHistoricBatchById("DURATION: ${returnLimits.review}")).isNull();
    assertThat(producer.getHistoricBatchById(null)).isNull();
    assertThat(producer.getHistoricBatchById(BATCH_ID)).isSameAs(batch);
    verify(batches, never()).findHistoricBatchById("async-before");
    verify(batches, never()).findHistoricBatchById("DURATION: ${returnLimits.review}");
  }

  @Test
  void withAnotherIdGeneratorEverythingIsLookedUpAsTheEngineDoes() {
    configuration.setIdGenerator(new DbIdGenerator());
    HistoryRemovalTimes.Producer producer = new HistoryRemovalTimes.Producer(new JobDefinitions(), new HistoryScopes());

    assertThat(producer.getHistoricBatchById("async-before")).isNull();
    verify(batches).findHistoricBatchById("async-before");
  }
}
