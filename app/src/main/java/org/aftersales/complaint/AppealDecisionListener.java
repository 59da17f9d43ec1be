package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.time.Clock;
import org.aftersales.cases.CaseProgress;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_DecideAppeal}: the supervisor's decision with reasons; an upheld appeal carries
 * its own remedies, added to what was decided before; the complaint counts as upheld if either decision
 * upheld it.
 */
@Component
public class AppealDecisionListener implements TaskListener {

  private final Remedies remedies;
  private final ComplaintBook complaints;
  private final CaseProgress progress;
  private final Clock clock;

  public AppealDecisionListener(Remedies remedies, ComplaintBook complaints, CaseProgress progress, Clock clock) {
    this.remedies = remedies;
    this.complaints = complaints;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseId = task.getExecution().getProcessBusinessKey();
    Remedies.Decided d = remedies.check(task, Var.APPEAL_DECISION, Var.APPEAL_REASONS);
    task.setVariable(Var.UPHELD, d.upheld() || Boolean.TRUE.equals(task.getVariable(Var.UPHELD)));
    task.setVariable("customerDecisionText", "your appeal is " + d.customerText() + " This decision is final.");
    task.setVariable("sellerDecisionText", "on the customer's appeal, " + d.sellerText());
    complaints.appealDecided(caseId, d.upheld() ? ComplaintProcess.UPHELD : ComplaintProcess.DISMISSED, d.reasons(),
        task.getAssignee(), clock.instant());
    progress.record(caseId, "APPEAL_DECIDED", "Appeal " + (d.upheld() ? "upheld" : "dismissed")
        + (d.upheld() ? ComplaintDecisionListener.remedySummary(d) : ""), task.getAssignee());
  }
}
