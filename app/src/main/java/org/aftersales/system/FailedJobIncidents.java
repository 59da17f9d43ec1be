package org.aftersales.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * The engine's handler of failed-job incidents, which does not look for the incident of a job that never failed
 * (issue 21).
 *
 * <p>Whenever a job is deleted (executed, or its timer cancelled) the engine asks {@code ACT_RU_INCIDENT} for incidents
 * that name it, to resolve them: a query for every job, 5 per return case. The engine opens a failed-job incident only
 * when a job's retries reach zero, after it failed or when an operator sets them to zero, and resolves it whenever
 * they rise again. So a job that still has retries and holds no failure (no exception message, no stack trace) has
 * none, and is not looked up. Any other job (one that failed, one with no retries left, one this command does not
 * hold) is looked up as the engine does.
 */
@Component
public class FailedJobIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // a custom handler of a type takes the place of the engine's (unless composite handlers are enabled)
    List<IncidentHandler> handlers = new ArrayList<>();
    handlers.add(new Handler());
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    configuration.setCustomIncidentHandlers(handlers);
  }

  /** Camunda's handler for failed jobs, which skips the look-up for a job that cannot have an incident. */
  static class Handler extends DefaultIncidentHandler {

    Handler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      if (mayHaveIncident(context)) {
        super.resolveIncident(context);
      }
    }

    @Override
    public void deleteIncident(IncidentContext context) {
      if (mayHaveIncident(context)) {
        super.deleteIncident(context);
      }
    }

    /** False only for a job of this command that has retries left and never failed. */
    static boolean mayHaveIncident(IncidentContext context) {
      String jobId = context.getConfiguration();
      if (jobId == null || Context.getCommandContext() == null) {
        return true;
      }
      JobEntity job = Context.getCommandContext().getDbEntityManager().getCachedEntity(JobEntity.class, jobId);
      return job == null || job.getRetries() <= 0 || job.getExceptionMessage() != null
          || job.getExceptionByteArrayId() != null;
    }
  }
}
