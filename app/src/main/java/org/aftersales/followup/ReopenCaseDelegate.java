package org.aftersales.followup;

import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReopenCase}: the supervisor chose to reopen the case as service recovery; its return flow runs
 * again without review (goods back first if chosen, then the refund). If the case was reopened in the meantime
 * (a complaint), or cannot be reopened any more, nothing happens but a timeline entry.
 */
@Component
public class ReopenCaseDelegate implements JavaDelegate {

  private final CaseRepository records;
  private final CaseService cases;
  private final CaseProgress progress;

  public ReopenCaseDelegate(CaseRepository records, CaseService cases, CaseProgress progress) {
    this.records = records;
    this.cases = cases;
    this.progress = progress;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = records.findForUpdate(execution.getProcessBusinessKey()).orElseThrow();
    String why = CaseService.whyNotReopenable(c);
    if (why != null) {
      progress.record(c.caseId(), "SERVICE_RECOVERY", "The case was not reopened after the follow-up visit: " + why, null);
      return;
    }
    cases.reopenForRecovery(c.caseId(), Boolean.TRUE.equals(execution.getVariable(FollowUpProcess.Var.REOPEN_GOODS_BACK)),
        (String) execution.getVariable(FollowUpProcess.Var.RECOVERY_DECIDED_BY));
  }
}
