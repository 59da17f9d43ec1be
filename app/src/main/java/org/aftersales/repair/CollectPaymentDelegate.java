package org.aftersales.repair;

import java.math.BigDecimal;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.payment.ChargeGateway;
import org.aftersales.payment.ChargeLedger;
import org.aftersales.payment.ChargeReceipt;
import org.aftersales.payment.ChargeRequest;
import org.aftersales.payment.PaymentEventController;
import org.aftersales.payment.PaymentStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CollectPayment}: asks the payment provider to collect the accepted quote from the customer.
 * The charge id ({@code <case>-C1}) is reserved before the call and sent as the idempotency key, so a
 * retried job never charges twice; the result comes as a payment event.
 */
@Component
public class CollectPaymentDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final ChargeLedger ledger;
  private final ChargeGateway gateway;

  public CollectPaymentDelegate(CaseRepository cases, ChargeLedger ledger, ChargeGateway gateway) {
    this.cases = cases;
    this.ledger = ledger;
    this.gateway = gateway;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    String chargeId = c.caseId() + "-C1";
    BigDecimal amount = new BigDecimal((String) execution.getVariable(RepairProcess.Var.QUOTE_AMOUNT));
    ledger.reserve(c.caseId(), chargeId, amount, c.currency(), amount);
    execution.setVariable(PaymentEventController.CHARGE_ID, chargeId);
    ChargeReceipt receipt = gateway.requestCharge(new ChargeRequest(chargeId, c.caseId(), c.orderId(), amount,
        c.currency(), "Repair, case " + c.caseId()));
    if (receipt.status() != PaymentStatus.PENDING) {
      ledger.settle(chargeId, receipt.status(), receipt.providerChargeId(), receipt.failureReason(), null, null);
    }
    execution.setVariable(PaymentEventController.CHARGE_STATUS, receipt.status().name());
  }
}
