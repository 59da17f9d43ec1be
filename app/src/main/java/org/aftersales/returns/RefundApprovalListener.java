package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_ApproveRefund}: finance may lower the refund, never raise it above the calculated amount. */
@Component
public class RefundApprovalListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    BigDecimal max = new BigDecimal(task.getVariable(Var.CALCULATED_REFUND_AMOUNT).toString());
    BigDecimal approved = Amounts.within(task.getVariable(Var.REFUND_AMOUNT), max, "Refund amount");
    task.setVariable(Var.REFUND_AMOUNT, Amounts.text(approved));
  }
}
