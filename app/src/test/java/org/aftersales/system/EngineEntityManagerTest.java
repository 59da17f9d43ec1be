package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: Camunda described every entity it inserted (its {@code toString}) for an error message it needed only for
 * an invalid id. {@link EngineEntityManager} describes it only then; a valid id passes as before, an invalid one fails with
 * the engine's own error.
 */
class EngineEntityManagerTest {

  private final EngineEntityManager.Manager manager =
      new EngineEntityManager.Manager(new StrongUuidGenerator(), mock(PersistenceSession.class),
          new JobDefinitions(), false);

  @Test
  void theEngineOpensOurEntityManager() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setSessionFactories(new HashMap<>());
    new EngineEntityManager(new JobDefinitions()).postInit(configuration);
    assertThat(configuration.getSessionFactories().get(DbEntityManager.class)).isInstanceOf(EngineEntityManager.Factory.class);
  }

  @Test
  void aValidIdIsNotDescribed() {
    DbEntity entity = mock(DbEntity.class);
    when(entity.getId()).thenReturn("0f93bb49-f155-11f1-bfae-02fc00000001");
    when(entity.toString()).thenThrow(new AssertionError("described"));

    manager.validateId(entity);

    verify(entity).getId();
  }

  @Test
  void anInvalidIdFailsAsInTheEngine() {
    HistoricVariableInstanceEntity none = new HistoricVariableInstanceEntity();
    HistoricVariableInstanceEntity star = new HistoricVariableInstanceEntity();
    star.setId("*");

    assertThatThrownBy(() -> manager.validateId(none)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("has an invalid id").hasMessageContaining("HistoricVariableInstanceEntity");
    assertThatThrownBy(() -> manager.validateId(star)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("is a reserved identifier");
  }
}
