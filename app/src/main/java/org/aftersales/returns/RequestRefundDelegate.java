package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import java.util.Optional;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseType;
import org.aftersales.cases.ComplaintRecords;
import org.aftersales.payment.PaymentResults;
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
 * ({@code <case>-R<n>}, counted on from the refunds the case had when this payment started, {@code refundNumberBase})
 * is reserved before the call and only advances when an attempt has failed for good, so retries and restarts reuse
 * it and the provider pays it once. The id of the last attempt is the variable {@code refundId}: the next attempt
 * counts on from it (no counter variable of its own since issue 21). Provider outages propagate (job retries,
 * then an incident); a refusal counts as a failed refund. Before a new id is issued after a failure, the provider is
 * asked for the previous refund: unless it confirms the failure, no new id is issued (a refund it paid after all is
 * reconciled and raised for finance; one still pending is waited for).
 */
@Component
public class RequestRefundDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final ComplaintRecords complaints;
  private final RefundLedger ledger;
  private final RefundGateway gateway;
  private final PaymentResults results;

  public RequestRefundDelegate(CaseRepository cases, ComplaintRecords complaints, RefundLedger ledger,
      RefundGateway gateway, PaymentResults results) {
    this.results = results;
    this.cases = cases;
    this.complaints = complaints;
    this.ledger = ledger;
    this.gateway = gateway;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    String previousId = (String) execution.getVariable(Var.REFUND_ID);
    if (previousId != null) {
      Optional<RefundReceipt> earlier = gateway.findRefund(previousId);
      if (earlier.isPresent() && earlier.get().status() != PaymentStatus.FAILED) {
        // the provider did not fail it after all: never pay a second time
        if (earlier.get().status() == PaymentStatus.SUCCEEDED) {
          results.refund(previousId, PaymentStatus.SUCCEEDED, earlier.get().providerRefundId(), null, null, null);
        }
        execution.setVariable(Var.REFUND_ID, previousId);
        execution.setVariable(Var.REFUND_STATUS, earlier.get().status().name());
        failureReason(execution, null);
        return;
      }
    }
    String refundId = c.caseId() + "-R" + (previousId != null ? number(previousId) + 1
        : number(execution.getVariable(Var.REFUND_NUMBER_BASE)) + 1);
    BigDecimal amount = new BigDecimal((String) execution.getVariable(Var.REFUND_AMOUNT));
    // a complaint's compensation may exceed the price (假一赔十) up to the cap of its rule table
    BigDecimal limit = c.type() == CaseType.COMPLAINT
        ? complaints.compensationCap(c.caseId()).orElse(BigDecimal.ZERO)
        : c.paidAmount();
    ledger.reserve(c.caseId(), refundId, amount, c.currency(), limit);
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
    failureReason(execution, failure);
  }

  /** The number of refund id {@code <case>-R<n>}, or the number a base variable holds (0 when there is none). */
  private static int number(Object idOrBase) {
    if (idOrBase == null) {
      return 0;
    }
    if (idOrBase instanceof Number n) {
      return n.intValue();
    }
    String text = idOrBase.toString();
    return Integer.parseInt(text.substring(text.lastIndexOf("-R") + 2));
  }

  /** The failure's reason, or none: no variable is written for "no reason" unless an earlier one is to be cleared. */
  private static void failureReason(DelegateExecution execution, String failure) {
    if (failure != null || execution.getVariable(Var.REFUND_FAILURE_REASON) != null) {
      execution.setVariable(Var.REFUND_FAILURE_REASON, failure);
    }
  }
}
