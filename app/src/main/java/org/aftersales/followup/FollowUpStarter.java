package org.aftersales.followup;

import org.aftersales.cases.CaseProgress.CaseClosed;
import org.aftersales.system.EngineTables;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Starts {@code follow-up-visit} when a case closes, in the closing process's engine command, so that the
 * case is never closed without its follow-up. Not for the outcomes in
 * {@code aftersales.follow-up.without-follow-up} (by default CANCELLED and EXPIRED: the customer withdrew or
 * never sent the goods back), and not while a follow-up of the case is still running (a case reopened and
 * closed again before its survey went out gets one survey).
 */
@Component
public class FollowUpStarter {

  private static final Logger LOG = LoggerFactory.getLogger(FollowUpStarter.class);

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final EngineTables tables;
  private final FollowUpLimits limits;

  public FollowUpStarter(RuntimeService runtime, RepositoryService repository, EngineTables tables,
      FollowUpLimits limits) {
    this.runtime = runtime;
    this.repository = repository;
    this.tables = tables;
    this.limits = limits;
  }

  /**
   * Runs in the command that closed the case, which may be a person's (a rejection completed in Tasklist runs on to
   * the end now that mails need no job): the follow-up is the system's, so it is looked up and started without the
   * person's authorizations, which would hide the running follow-up or forbid starting it.
   */
  @EventListener
  public void caseClosed(CaseClosed closed) {
    if (limits.properties().withoutFollowUp().contains(closed.outcome())) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      start(closed);
    } else {
      command.runWithoutAuthorization(() -> {
        start(closed);
        return null;
      });
    }
  }

  /**
   * Looks up the latest version itself and starts that one (the engine then finds it in this command instead of
   * reading it again): one query where a count and the engine's own look-up were two (issue 21). Not deployed: a
   * warning, and the case closes without a follow-up (an exception here would undo the closing command).
   */
  private void start(CaseClosed closed) {
    // whether one is running: a native count (issue 21), where the engine's process instance query built its SQL from
    // a mapping of some hundred optional conditions, each evaluated through OGNL, for two of them
    boolean running = runtime.createNativeProcessInstanceQuery()
        .sql("SELECT COUNT(*) FROM " + tables.of(Execution.class) + " E INNER JOIN " + tables.of(ProcessDefinition.class)
            + " D ON E.PROC_DEF_ID_ = D.ID_ WHERE E.BUSINESS_KEY_ = #{caseId} AND E.ID_ = E.PROC_INST_ID_"
            + " AND D.KEY_ = #{key}")
        .parameter("caseId", closed.caseId()).parameter("key", FollowUpProcess.KEY).count() > 0;
    if (running) {
      return;
    }
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(FollowUpProcess.KEY)
        .withoutTenantId().latestVersion().singleResult();
    if (latest == null) {
      LOG.warn("Case {} closed, but process '{}' is not deployed: no follow-up visit", closed.caseId(), FollowUpProcess.KEY);
      return;
    }
    runtime.startProcessInstanceById(latest.getId(), closed.caseId(),
        Variables.createVariables().putValue(FollowUpProcess.Var.CLOSED_AS, closed.outcome().name()));
  }
}
