package org.aftersales.system.security;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's default authorizations, without asking the database about a task it is creating (issue 21).
 *
 * <p>A task's candidate group (and its assignee) gets a grant on the task and, with historic instance permissions, on
 * its history. Before it writes one, the engine asks {@code ACT_RU_AUTHORIZATION} for a grant to the same group on
 * the same task that it could add to instead: a query for each task and each of its candidate groups, twice (4 per
 * return case). While the engine creates a task, its id is new: no grant in the database can name it. So for a task
 * the engine has not yet written, nothing is asked, and the grant is written as the engine writes one it did not find;
 * one this command already made is found among those it holds, as the engine does it. For a task that exists (a
 * candidate added later, a new assignee) the engine asks as before.
 */
@Component
public class NewTaskAuthorizations extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getResourceAuthorizationProvider() == null) {
      configuration.setResourceAuthorizationProvider(new Provider());
    }
  }

  /** The engine's provider, which finds no grant in the database for a task it is creating. */
  static class Provider extends DefaultAuthorizationProvider {

    @Override
    protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
        Resource resource) {
      TaskEntity task = Context.getCommandContext().getDbEntityManager().getCachedEntity(TaskEntity.class, taskId);
      if (task != null && Context.getCommandContext().getDbEntityManager().getDbEntityCache().isTransient(task)) {
        return null;
      }
      return super.getGrantAuthorization(taskId, userId, groupId, resource);
    }
  }
}
