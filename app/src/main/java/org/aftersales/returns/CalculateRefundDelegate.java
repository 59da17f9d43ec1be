package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.ReturnMethod;
import org.aftersales.payment.PayoutCap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CalculateRefund}: the amount to refund: a partial amount an agent granted, or what was asked
 * less the inspector's deductions, plus the postage compensation when the seller is at fault and the
 * customer paid the postage; never more than {@link PayoutCap} leaves over the case and its order.
 */
@Component
public class CalculateRefundDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final PayoutCap cap;
  private final ReturnLimits limits;

  public CalculateRefundDelegate(CaseRepository cases, PayoutCap cap, ReturnLimits limits) {
    this.cases = cases;
    this.cap = cap;
    this.limits = limits;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    boolean partial = ReturnProcess.PARTIAL_REFUND.equals(execution.getVariable(Var.REVIEW_DECISION))
        || ReturnProcess.PARTIAL_REFUND.equals(execution.getVariable(Var.FAILED_INSPECTION_DECISION));
    BigDecimal amount;
    BigDecimal postage = BigDecimal.ZERO;
    if (partial) {
      amount = Amounts.of(execution.getVariable(Var.PARTIAL_AMOUNT));
    } else {
      BigDecimal deductions = Amounts.of(execution.getVariable(Var.DEDUCTIONS));
      amount = c.requestedAmount().subtract(deductions == null ? BigDecimal.ZERO : deductions);
      if ("SELLER".equals(execution.getVariable(Var.POSTAGE_PAID_BY)) && Boolean.TRUE.equals(c.details().withReturn())
          && c.details().returnMethod() == ReturnMethod.SELF_SHIP) {
        postage = limits.postageCompensation();
      }
    }
    PayoutCap.Room left = cap.room(c.caseId());
    BigDecimal refund = amount.add(postage).min(left.amount());
    if (refund.signum() <= 0) {
      throw new IllegalStateException("Nothing is left to refund on case " + c.caseId() + ": " + left.why());
    }
    if (postage.signum() > 0) {
      // only when there is one: the refund includes it, and most cases have none (issue 21: no variable for nothing)
      execution.setVariable(Var.POSTAGE_COMPENSATION, Amounts.text(postage));
    }
    execution.setVariable(Var.CALCULATED_REFUND_AMOUNT, Amounts.text(refund));
    execution.setVariable(Var.REFUND_AMOUNT, Amounts.text(refund));
  }
}
