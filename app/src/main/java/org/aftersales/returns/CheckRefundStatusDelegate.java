package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.util.Optional;
import org.aftersales.payment.RefundGateway;
import org.aftersales.payment.PaymentBook;
import org.aftersales.payment.RefundLedger;
import org.aftersales.payment.RefundReceipt;
import org.aftersales.payment.PaymentStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckRefundStatus}: when the provider's callback is overdue, asks the provider for the
 * refund's status and applies a final one exactly as the callback would (the ledger applies it once).
 */
@Component
public class CheckRefundStatusDelegate implements JavaDelegate {

  private final RefundLedger ledger;
  private final RefundGateway gateway;

  public CheckRefundStatusDelegate(RefundLedger ledger, RefundGateway gateway) {
    this.ledger = ledger;
    this.gateway = gateway;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String refundId = (String) execution.getVariable(Var.REFUND_ID);
    PaymentBook.Entry recorded = ledger.find(refundId).orElseThrow();
    PaymentStatus status = recorded.status();
    String failure = recorded.failureReason();
    if (status == PaymentStatus.PENDING) {
      Optional<RefundReceipt> receipt = gateway.findRefund(refundId);
      if (receipt.isPresent() && receipt.get().status() != PaymentStatus.PENDING) {
        status = receipt.get().status();
        failure = receipt.get().failureReason();
        ledger.settle(refundId, status, receipt.get().providerRefundId(), failure, null, null);
      }
    }
    execution.setVariable(Var.REFUND_STATUS, status.name());
    execution.setVariable(Var.REFUND_FAILURE_REASON, failure);
  }
}
