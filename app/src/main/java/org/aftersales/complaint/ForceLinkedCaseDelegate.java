package org.aftersales.complaint;

import org.aftersales.cases.CaseService;
import org.aftersales.complaint.ComplaintProcess.ForcedRemedy;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ForceLinkedCase}: reopens the after-sales case the complaint is about and runs its return flow
 * without review, goods back first for a forced return, straight to the refund for a forced refund. Once per
 * decision: a retried job finds the case open and does nothing again.
 */
@Component
public class ForceLinkedCaseDelegate implements JavaDelegate {

  private final ComplaintBook complaints;
  private final CaseService cases;

  public ForceLinkedCaseDelegate(ComplaintBook complaints, CaseService cases) {
    this.complaints = complaints;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ComplaintBook.Complaint k = complaints.find(execution.getProcessBusinessKey()).orElseThrow();
    ForcedRemedy remedy = ForcedRemedy.valueOf((String) execution.getVariable(ComplaintProcess.Var.FORCED_REMEDY));
    cases.reopenForComplaint(k.linkedCaseId(), k.caseId(), remedy == ForcedRemedy.FORCED_RETURN);
  }
}
