package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_ReviewRequest} (and of {@code Task_DecideFailedInspection} through
 * {@link FailedInspectionListener}): the decision must be complete before the task may close; Tasklist shows
 * the message and the task stays open.
 */
@Component
public class ReviewDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(Var.REVIEW_DECISION);
    if (!Set.of(ReturnProcess.APPROVE, ReturnProcess.REJECT, ReturnProcess.PARTIAL_REFUND).contains(decision)) {
      throw new NotValidException("Choose a decision: approve, reject or partial refund");
    }
    if (ReturnProcess.REJECT.equals(decision)) {
      Object reason = task.getVariable(Var.REJECT_REASON);
      if (reason == null || reason.toString().isBlank() || reason.toString().length() > 500) {
        throw new NotValidException("Give the customer a reason for the rejection (at most 500 characters)");
      }
    }
    if (ReturnProcess.PARTIAL_REFUND.equals(decision)) {
      Amounts.within(task.getVariable(Var.PARTIAL_AMOUNT), new BigDecimal(task.getVariable(Var.REQUESTED_AMOUNT).toString()),
          "Partial refund");
    }
  }
}
