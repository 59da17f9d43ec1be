package org.aftersales.system;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's entity manager, with three costs of Camunda's own taken off (issue 21); what the engine stores is the
 * same.
 * <ul>
 *   <li><b>An entity is described only when its id is wrong.</b> Camunda checks the id of every row it inserts (not
 *   null, not {@code *}), and built the error message first: the text of the whole entity, its {@code toString}, for
 *   every insert. In a profile of the full return flow at the maximum rate that was 2.7 % of the JVM's samples.</li>
 *   <li><b>A job knows its element without reading its definition.</b> A job row does not hold the element it belongs
 *   to; when the engine executes a job it reads the job's definition from {@code ACT_RU_JOBDEF} for it, a query for
 *   every job (5 per return case). A definition's element is fixed when it is deployed (only its suspension state and
 *   priority change). What does not change of every definition the engine reads is kept ({@link JobDefinitions});
 *   a job loaded later is given its element from there, and the engine reads its definition only where it needs
 *   more (creating a job takes the definition's suspension state). Its job log entries are written from there too
 *   ({@link HistoryRemovalTimes}).</li>
 *   <li><b>The variables of a process instance that ends are deleted in one statement</b>, not one by one
 *   ({@link EndedInstances}).</li>
 * </ul>
 */
@Component
public class EngineEntityManager extends AbstractProcessEnginePlugin {

  private final JobDefinitions jobDefinitions;

  public EngineEntityManager(JobDefinitions jobDefinitions) {
    this.jobDefinitions = jobDefinitions;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    boolean variablesAtOnce = EndedInstances.register(configuration);
    configuration.getSessionFactories().put(DbEntityManager.class,
        new Factory(configuration.getIdGenerator(), jobDefinitions, variablesAtOnce));
  }

  /** Opens {@link Manager}s, as the engine's factory opens its entity managers. */
  static class Factory extends DbEntityManagerFactory {

    private final JobDefinitions jobDefinitions;
    private final boolean variablesAtOnce;

    Factory(IdGenerator idGenerator, JobDefinitions jobDefinitions, boolean variablesAtOnce) {
      super(idGenerator);
      this.jobDefinitions = jobDefinitions;
      this.variablesAtOnce = variablesAtOnce;
    }

    @Override
    public DbEntityManager openSession() {
      return new Manager(idGenerator, Context.getCommandContext().getSession(PersistenceSession.class),
          jobDefinitions, variablesAtOnce);
    }
  }

  /** The engine's entity manager, which checks an id before it describes the entity, and gives jobs their element. */
  static class Manager extends DbEntityManager {

    private final JobDefinitions jobDefinitions;
    /** The process instance of each variable this command loaded, by the variable's id ({@link EndedInstances}). */
    private final Map<String, String> instanceOfVariable = new HashMap<>();
    /** Whether the engine's MyBatis knows our statement for them. */
    private final boolean variablesAtOnce;

    Manager(IdGenerator idGenerator, PersistenceSession persistenceSession, JobDefinitions jobDefinitions,
        boolean variablesAtOnce) {
      super(idGenerator, persistenceSession);
      this.jobDefinitions = jobDefinitions;
      this.variablesAtOnce = variablesAtOnce;
    }

    @Override
    protected void validateId(DbEntity dbEntity) {
      String id = dbEntity.getId();
      if (id == null || "*".equals(id)) {
        super.validateId(dbEntity);
      }
    }

    @Override
    protected void flushDbOperationManager() {
      if (variablesAtOnce && !instanceOfVariable.isEmpty()) {
        EndedInstances.deleteVariablesAtOnce(dbOperationManager, instanceOfVariable);
      }
      super.flushDbOperationManager();
    }

    @Override
    public void onEntityLoaded(DbEntity entity) {
      if (entity instanceof JobEntity job) {
        JobDefinitions.Fixed definition = jobDefinitions.of(job.getJobDefinitionId());
        if (definition != null && definition.activityId() != null) {
          job.setActivityId(definition.activityId());
        }
      } else if (entity instanceof JobDefinitionEntity definition) {
        jobDefinitions.read(definition);
      } else if (variablesAtOnce && entity instanceof VariableInstanceEntity variable
          && variable.getProcessInstanceId() != null) {
        instanceOfVariable.put(variable.getId(), variable.getProcessInstanceId());
      }
      super.onEntityLoaded(entity);
    }
  }
}
