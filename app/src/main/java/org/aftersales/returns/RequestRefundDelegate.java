package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseType;
import org.aftersales.complaint.ComplaintBook;
import org.aftersales.payment.RefundGateway;
import org.aftersales.payment.RefundLedger;
import org.aftersales.payment.RefundReceipt;
import org.aftersales.payment.RefundRejectedException;
import org.aftersales.payment.RefundRequest;
import org.aftersales.payment.PaymentStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RequestRefund}: asks the payment provider to pay {@code refundAmount}. The refund id
 * ({@code <case>-R<n>}, counted on from the refunds the case had when this payment started) is reserved before the call and only advances when an attempt has failed for good,
 * so retries and restarts reuse it and the provider pays it once. Provider outages propagate (job retries,
 * then an incident); a refusal counts as a failed refund.
 */
@Component
public class RequestRefundDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final ComplaintBook complaints;
  private final RefundLedger ledger;
  private final RefundGateway gateway;

  public RequestRefundDelegate(CaseRepository cases, ComplaintBook complaints, RefundLedger ledger, RefundGateway gateway) {
    this.cases = cases;
    this.complaints = complaints;
    this.ledger = ledger;
    this.gateway = gateway;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    Integer previous = (Integer) execution.getVariable(Var.REFUND_REQUESTS);
    int attempt = previous == null ? 1 : previous + 1;
    Integer base = (Integer) execution.getVariable(Var.REFUND_NUMBER_BASE);
    String refundId = c.caseId() + "-R" + ((base == null ? 0 : base) + attempt);
    BigDecimal amount = new BigDecimal((String) execution.getVariable(Var.REFUND_AMOUNT));
    // a complaint's compensation may exceed the price (假一赔十) up to the cap of its rule table
    BigDecimal limit = c.type() == CaseType.COMPLAINT
        ? complaints.find(c.caseId()).map(ComplaintBook.Complaint::compensationCap).orElse(BigDecimal.ZERO)
        : c.paidAmount();
    ledger.reserve(c.caseId(), refundId, amount, c.currency(), limit);
    execution.setVariable(Var.REFUND_REQUESTS, attempt);
    if (execution.getVariable(Var.REFUND_FAILURES) == null) {
      execution.setVariable(Var.REFUND_FAILURES, 0);
    }
    execution.setVariable(Var.REFUND_ID, refundId);
    PaymentStatus status;
    String failure = null;
    try {
      RefundReceipt receipt = gateway.requestRefund(new RefundRequest(refundId, c.caseId(), c.orderId(), amount,
          c.currency(), "After-sales case " + c.caseId()));
      status = receipt.status();
      failure = receipt.failureReason();
      if (status != PaymentStatus.PENDING) {
        ledger.settle(refundId, status, receipt.providerRefundId(), failure, null, null);
      }
    } catch (RefundRejectedException e) {
      status = PaymentStatus.FAILED;
      failure = e.getMessage();
      ledger.settle(refundId, status, null, failure, null, null);
    }
    execution.setVariable(Var.REFUND_STATUS, status.name());
    execution.setVariable(Var.REFUND_FAILURE_REASON, failure);
  }
}
