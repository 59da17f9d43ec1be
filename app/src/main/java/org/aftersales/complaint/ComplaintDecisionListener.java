package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.time.Clock;
import org.aftersales.cases.CaseProgress;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_Investigate} and {@code Task_DecideEscalated}: not while the seller may still
 * answer; a decision with reasons and valid remedies ({@link Remedies}); recorded on the complaint and the
 * timeline.
 */
@Component
public class ComplaintDecisionListener implements TaskListener {

  private final Remedies remedies;
  private final ComplaintBook complaints;
  private final ComplaintLimits limits;
  private final CaseProgress progress;
  private final Clock clock;

  public ComplaintDecisionListener(Remedies remedies, ComplaintBook complaints, ComplaintLimits limits,
      CaseProgress progress, Clock clock) {
    this.remedies = remedies;
    this.complaints = complaints;
    this.limits = limits;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseId = task.getExecution().getProcessBusinessKey();
    boolean sellerMayAnswer = task.getProcessEngineServices().getRuntimeService().createExecutionQuery()
        .processInstanceId(task.getProcessInstanceId()).activityId(ComplaintProcess.Element.AWAIT_STATEMENT).count() > 0;
    if (sellerMayAnswer) {
      throw new NotValidException("The seller may still answer until " + task.getVariable(Var.SELLER_STATEMENT_DUE_TEXT)
          + ": decide once its statement is in or that time has passed");
    }
    Remedies.Decided d = remedies.check(task, Var.DECISION, Var.DECISION_REASONS);
    task.setVariable(Var.UPHELD, d.upheld());
    task.setVariable("customerDecisionText", d.customerText() + " If you disagree, you may appeal once within "
        + limits.properties().appealWindow().toDays() + " days.");
    complaints.decided(caseId, d.upheld() ? ComplaintProcess.UPHELD : ComplaintProcess.DISMISSED, d.reasons(),
        task.getAssignee(), clock.instant(), null);
    progress.record(caseId, "COMPLAINT_DECIDED", "Complaint " + (d.upheld() ? "upheld" : "dismissed")
        + (d.upheld() ? remedySummary(d) : ""), task.getAssignee());
  }

  static String remedySummary(Remedies.Decided d) {
    StringBuilder s = new StringBuilder();
    if (d.compensation().signum() > 0) {
      s.append(", compensation ").append(d.compensation().toPlainString());
    }
    if (d.forced() != ComplaintProcess.ForcedRemedy.NONE) {
      s.append(", ").append(d.forced().name().toLowerCase().replace('_', ' ')).append(" on the linked case");
    }
    if (d.penalty() != ComplaintProcess.Penalty.NONE) {
      s.append(", seller penalty: ").append(d.penalty().name().toLowerCase());
    }
    return s.toString();
  }
}
