package org.aftersales.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the diagram records on the complaint as it passes ({@code ${complaintRecorder.escalated(execution)}},
 * {@code ${complaintRecorder.appealOpened(execution)}}).
 */
@Component("complaintRecorder")
public class ComplaintRecorder {

  private final ComplaintBook complaints;
  private final ComplaintLimits limits;
  private final Clock clock;

  public ComplaintRecorder(ComplaintBook complaints, ComplaintLimits limits, Clock clock) {
    this.complaints = complaints;
    this.limits = limits;
    this.clock = clock;
  }

  /** The resolution limit passed: the complaint moved to the supervisors. */
  public void escalated(DelegateExecution execution) {
    complaints.escalated(execution.getProcessBusinessKey(), clock.instant());
  }

  /** The appeal window opens: until when the customer may appeal, for the record and the API. */
  public void appealOpened(DelegateExecution execution) {
    Instant due = limits.appealWindowEnds().toInstant();
    execution.setVariable(ComplaintProcess.Var.APPEAL_DUE, Date.from(due));
    ComplaintBook.Complaint k = complaints.find(execution.getProcessBusinessKey()).orElseThrow();
    complaints.decided(k.caseId(), k.decision(), k.decisionReasons(), k.decidedBy(), k.decidedAt(), due);
  }
}
