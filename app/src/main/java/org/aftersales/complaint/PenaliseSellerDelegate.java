package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.math.BigDecimal;
import java.time.Clock;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.complaint.ComplaintProcess.Penalty;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PenaliseSeller}: writes the decided penalty to the seller penalty record. Its id names the
 * complaint and the decision (first decision or appeal), so a retried job records it once.
 */
@Component
public class PenaliseSellerDelegate implements JavaDelegate {

  private final ComplaintBook complaints;
  private final CaseRepository cases;
  private final CaseProgress progress;
  private final Clock clock;

  public PenaliseSellerDelegate(ComplaintBook complaints, CaseRepository cases, CaseProgress progress, Clock clock) {
    this.complaints = complaints;
    this.cases = cases;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    ComplaintBook.Complaint k = complaints.find(c.caseId()).orElseThrow();
    boolean appeal = Boolean.TRUE.equals(execution.getVariable(Var.APPEALED));
    Penalty kind = Penalty.valueOf((String) execution.getVariable(Var.PENALTY));
    int points = kind == Penalty.POINTS ? ((Number) execution.getVariable(Var.PENALTY_POINTS)).intValue() : 0;
    BigDecimal fine = kind == Penalty.FINE ? new BigDecimal((String) execution.getVariable(Var.FINE_AMOUNT)) : null;
    String reasons = (String) execution.getVariable(appeal ? Var.APPEAL_REASONS : Var.DECISION_REASONS);
    boolean added = complaints.penalise(new ComplaintBook.Penalty(c.caseId() + (appeal ? "-PA" : "-P"), c.sellerId(),
        c.caseId(), kind, points, fine, fine == null ? null : c.currency(), reasons,
        appeal ? k.appealDecidedBy() : k.decidedBy(), clock.instant()));
    if (added) {
      progress.record(c.caseId(), "SELLER_PENALISED", "Seller " + c.sellerId() + " penalised: " + switch (kind) {
        case WARNING -> "a warning";
        case POINTS -> points + " points";
        case FINE -> "a fine of " + fine.toPlainString() + " " + c.currency();
        case NONE -> "nothing";
      }, null);
    }
  }
}
