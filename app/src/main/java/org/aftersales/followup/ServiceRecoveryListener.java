package org.aftersales.followup;

import static org.aftersales.followup.FollowUpProcess.Var;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseService;
import org.aftersales.cases.CaseView;
import org.aftersales.followup.FollowUpProcess.RecoveryDecision;
import org.aftersales.payment.PayoutCap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ServiceRecovery}: when it starts, puts the case summary and the most compensation on the form;
 * when it completes, checks the supervisor's decision: nothing (with notes), compensation (above 0, at most what
 * {@link PayoutCap} leaves: never more than was paid for the order, counting pending refunds of all its cases; a
 * complaint's own cap for complaints) or
 * reopening (closed return-flow cases with money left to refund; repairs and complaints are not reopened here).
 */
@Component
public class ServiceRecoveryListener implements TaskListener, ExecutionListener {

  private final CaseRepository cases;
  private final PayoutCap cap;
  private final CaseProgress progress;

  public ServiceRecoveryListener(CaseRepository cases, PayoutCap cap, CaseProgress progress) {
    this.cases = cases;
    this.cap = cap;
    this.progress = progress;
  }

  /** Start of the task: what the form shows. */
  @Override
  public void notify(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    execution.setVariable(Var.MAX_COMPENSATION, CaseView.money(cap.room(c.caseId()).amount()));
  }

  @Override
  public void notify(DelegateTask task) {
    CaseRecord c = cases.find(task.getExecution().getProcessBusinessKey()).orElseThrow();
    RecoveryDecision decision = decision(task.getVariable(Var.RECOVERY_DECISION));
    String notes = FollowUpText.optional(task.getVariable(Var.RECOVERY_NOTES), 2000, "Notes");
    String text;
    switch (decision) {
      case COMPENSATE -> {
        BigDecimal amount = compensation(task.getVariable(Var.COMPENSATION_AMOUNT), c);
        task.setVariable(Var.COMPENSATION_AMOUNT, CaseView.money(amount));
        task.setVariable(Var.REFUND_AMOUNT, CaseView.money(amount));
        text = "compensation of " + CaseView.money(amount) + " " + c.currency();
      }
      case REOPEN -> {
        String why = CaseService.whyNotReopenable(c);
        if (why != null) {
          throw new NotValidException("Reopen: " + why + "; compensate instead, or open a new case");
        }
        PayoutCap.Room left = cap.room(c.caseId());
        if (left.amount().signum() <= 0) {
          throw new NotValidException("Reopen: nothing more can be refunded on case " + c.caseId() + " (" + left.why() + ")");
        }
        boolean goodsBack = Boolean.parseBoolean(String.valueOf(task.getVariable(Var.REOPEN_GOODS_BACK)));
        task.setVariable(Var.REOPEN_GOODS_BACK, goodsBack);
        text = "the case is reopened for a " + (goodsBack ? "return and refund" : "refund");
      }
      default -> {
        if (notes == null) {
          throw new NotValidException("Notes: say why nothing more is done for the customer");
        }
        text = "no further action";
      }
    }
    task.setVariable(Var.RECOVERY_NOTES, notes);
    task.setVariable(Var.RECOVERY_DECIDED_BY, task.getAssignee());
    progress.record(c.caseId(), "SERVICE_RECOVERY", "Service recovery after the follow-up visit: " + text
        + (notes == null ? "" : " (" + notes + ")"), task.getAssignee());
  }

  private BigDecimal compensation(Object value, CaseRecord c) {
    PayoutCap.Room left = cap.room(c.caseId());
    BigDecimal max = left.amount();
    if (max.signum() <= 0) {
      throw new NotValidException("Compensation: nothing more can be paid on case " + c.caseId() + " (" + left.why()
          + "); choose no further action and say why in the notes");
    }
    BigDecimal amount;
    try {
      amount = value == null || value.toString().isBlank() ? BigDecimal.ZERO : new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new NotValidException("Compensation: not an amount: " + value);
    }
    if (amount.signum() <= 0 || amount.compareTo(max) > 0
        || amount.setScale(2, RoundingMode.HALF_UP).compareTo(amount) != 0) {
      throw new NotValidException("Compensation: above 0 and at most " + CaseView.money(max) + " " + c.currency()
          + ", at most two decimals (" + left.why() + ")");
    }
    return amount.setScale(2);
  }

  private static RecoveryDecision decision(Object value) {
    try {
      return RecoveryDecision.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new NotValidException("Decision: choose one of NOTHING, COMPENSATE, REOPEN");
    }
  }
}
