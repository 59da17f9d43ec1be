package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_DecideFailedInspection}: send the goods back, or a partial refund within what was asked. */
@Component
public class FailedInspectionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(Var.FAILED_INSPECTION_DECISION);
    if (ReturnProcess.PARTIAL_REFUND.equals(decision)) {
      Amounts.within(task.getVariable(Var.PARTIAL_AMOUNT), new BigDecimal(task.getVariable(Var.REQUESTED_AMOUNT).toString()),
          "Partial refund");
    } else if (!ReturnProcess.SEND_BACK.equals(decision)) {
      throw new NotValidException("Choose a decision: send the goods back or offer a partial refund");
    }
  }
}
