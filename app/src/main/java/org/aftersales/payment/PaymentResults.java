package org.aftersales.payment;

import java.math.BigDecimal;
import java.util.Optional;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.payment.PaymentDiscrepancies.Kind;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.RetryLaterException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * Applies a refund's or charge's final result, never on a caller's word alone: before a result changes our ledger
 * the provider is asked for its own record (status endpoint). A result the provider does not confirm is recorded as
 * a discrepancy, raised for finance and refused (409); nothing changes. A success the provider confirms for what we
 * had recorded as failed is reconciled: the case gets the money once, and finance is told.
 */
@Service
public class PaymentResults {

  /** What applying a result did, for the caller's answer. */
  public record Applied(String caseId, Effect effect, String detail) {}

  private final RefundLedger refunds;
  private final ChargeLedger charges;
  private final RefundGateway refundGateway;
  private final ChargeGateway chargeGateway;
  private final PaymentDiscrepancies discrepancies;
  private final RuntimeService runtime;

  public PaymentResults(RefundLedger refunds, ChargeLedger charges, RefundGateway refundGateway,
      ChargeGateway chargeGateway, PaymentDiscrepancies discrepancies, RuntimeService runtime) {
    this.refunds = refunds;
    this.charges = charges;
    this.refundGateway = refundGateway;
    this.chargeGateway = chargeGateway;
    this.discrepancies = discrepancies;
    this.runtime = runtime;
  }

  /** The provider's own status of a refund or charge: empty if it never received it; 503 while it cannot be asked. */
  private record ProviderRecord(PaymentStatus status, String providerId, String failureReason) {}

  /** A refund result reported by a callback. */
  public Applied refund(String refundId, PaymentStatus result, String providerId, String failureReason,
      BigDecimal amount, String currency) {
    PaymentBook.Entry entry = refunds.find(refundId).orElseThrow(() -> new org.aftersales.system.web.NotFoundException(
        "No refund with this id was asked for by this system."));
    if (entry.status() == result) {
      return new Applied(entry.caseId(), refunds.settle(entry, result, providerId, failureReason, amount, currency),
          "Refund " + refundId + " was already recorded as " + result + "; nothing changed.");
    }
    Optional<ProviderRecord> provider = ask(refundId, () -> refundGateway.findRefund(refundId)
        .map(r -> new ProviderRecord(r.status(), r.providerRefundId(), r.failureReason())));
    confirmed(refundId, entry, result, provider);
    return apply(refunds, entry, result, providerId, failureReason, amount, currency, true);
  }

  /** A charge result reported by a callback. */
  public Applied charge(String chargeId, PaymentStatus result, String providerId, String failureReason,
      BigDecimal amount, String currency) {
    PaymentBook.Entry entry = charges.find(chargeId).orElseThrow(() -> new org.aftersales.system.web.NotFoundException(
        "No charge with this id was asked for by this system."));
    if (entry.status() == result) {
      return new Applied(entry.caseId(), charges.settle(entry, result, providerId, failureReason, amount, currency),
          "Payment " + chargeId + " is " + result + ".");
    }
    Optional<ProviderRecord> provider = ask(chargeId, () -> chargeGateway.findCharge(chargeId)
        .map(c -> new ProviderRecord(c.status(), c.providerChargeId(), c.failureReason())));
    confirmed(chargeId, entry, result, provider);
    return apply(charges, entry, result, providerId, failureReason, amount, currency, false);
  }

  /**
   * A pending refund or charge whose result is overdue (restart, lost callback): asks the provider and applies a
   * final status it gives, as its callback would have. Returns the effect, or empty when it is still pending.
   */
  public Optional<Effect> checkPending(String id, boolean refund) {
    PaymentBook book = refund ? refunds : charges;
    PaymentBook.Entry entry = book.find(id).orElseThrow();
    if (entry.status() != PaymentStatus.PENDING) {
      return Optional.empty();
    }
    Optional<ProviderRecord> provider = refund
        ? refundGateway.findRefund(id).map(r -> new ProviderRecord(r.status(), r.providerRefundId(), r.failureReason()))
        : chargeGateway.findCharge(id).map(c -> new ProviderRecord(c.status(), c.providerChargeId(), c.failureReason()));
    if (provider.isEmpty() || provider.get().status() == PaymentStatus.PENDING) {
      return Optional.empty();
    }
    ProviderRecord p = provider.get();
    return Optional.of(apply(book, entry, p.status(), p.providerId(), p.failureReason(), null, null, refund).effect());
  }

  private Optional<ProviderRecord> ask(String id, java.util.function.Supplier<Optional<ProviderRecord>> question) {
    try {
      return question.get();
    } catch (PaymentProviderUnavailableException e) {
      throw new RetryLaterException("The payment provider could not be asked to confirm " + id
          + "; a result is only taken once the provider confirms it. Send the event again shortly.");
    }
  }

  /** Refuses (409, recorded, raised for finance) a result the provider's record does not confirm. */
  private void confirmed(String id, PaymentBook.Entry entry, PaymentStatus result, Optional<ProviderRecord> provider) {
    PaymentStatus said = provider.map(ProviderRecord::status).orElse(null);
    if (said != result) {
      String book = said == null ? "has no such payment" : "says " + said;
      discrepancies.raise(Kind.CALLBACK_CONTRADICTS_PROVIDER, id, entry.caseId(), result, said,
          "A callback reported " + result + " for " + id + ", but the provider's record " + book + "; nothing was changed.");
      throw new ConflictException("The payment provider's record of " + id + " " + book + ", not " + result
          + "; nothing changed and finance was told.");
    }
    if (entry.status() == PaymentStatus.SUCCEEDED) {
      discrepancies.raise(Kind.LEDGER_CONTRADICTS_PROVIDER, id, entry.caseId(), result, said,
          "Our ledger says " + id + " was paid, the provider says " + said + "; nothing was changed.");
      throw new ConflictException(id + " was recorded as paid, but the provider says " + said
          + "; nothing changed and finance was told.");
    }
  }

  /** Applies a result the provider confirmed. */
  private Applied apply(PaymentBook book, PaymentBook.Entry entry, PaymentStatus result, String providerId,
      String failureReason, BigDecimal amount, String currency, boolean refund) {
    String id = entry.id();
    if (entry.status() == PaymentStatus.FAILED && result == PaymentStatus.SUCCEEDED) {
      // a genuine success after a recorded failure: the money went out (or came in), so the case must say so
      book.reconcilePaid(id, providerId);
      continueIfWaiting(entry.caseId(), id, result, refund);
      discrepancies.raise(Kind.PAID_AFTER_RECORDED_FAILURE, id, entry.caseId(), result, result,
          "The provider paid " + id + " (" + entry.amount().toPlainString() + " " + entry.currency()
              + ") after we had recorded it as failed; the case now counts it as paid. Check for a second payment.");
      return new Applied(entry.caseId(), Effect.APPLIED, id + " was recorded as failed; the provider paid it after all: "
          + "now recorded as SUCCEEDED and finance was told.");
    }
    Effect effect = book.settle(entry, result, providerId, failureReason, amount, currency);
    if (effect == Effect.APPLIED) {
      correlate(entry.caseId(), id, result, failureReason, refund);
    }
    return new Applied(entry.caseId(), effect, (refund ? "Refund " : "Payment ") + id
        + (effect == Effect.APPLIED ? " recorded as " : " was already recorded as ") + result + ".");
  }

  /** Lets a case that still waits for this result go on; one that moved on is left alone. */
  private void continueIfWaiting(String caseId, String id, PaymentStatus result, boolean refund) {
    try {
      correlate(caseId, id, result, null, refund);
    } catch (RetryLaterException notWaiting) {
      // the case is not waiting for it any more: finance decides (the discrepancy says what happened)
    }
  }

  private void correlate(String caseId, String id, PaymentStatus result, String failureReason, boolean refund) {
    try {
      if (refund) {
        var correlation = runtime.createMessageCorrelation(PaymentEventController.REFUND_SETTLED)
            .processInstanceBusinessKey(caseId).processInstanceVariableEquals(PaymentEventController.REFUND_ID, id)
            .setVariable(PaymentEventController.REFUND_STATUS, result.name());
        // a reason only when there is one: each request clears an earlier one (RequestRefundDelegate)
        if (failureReason != null) {
          correlation.setVariable(PaymentEventController.REFUND_FAILURE_REASON, failureReason);
        }
        correlation.correlateWithResult();
      } else {
        runtime.createMessageCorrelation(PaymentEventController.CHARGE_SETTLED).processInstanceBusinessKey(caseId)
            .processInstanceVariableEquals(PaymentEventController.CHARGE_ID, id)
            .setVariable(PaymentEventController.CHARGE_STATUS, result.name()).correlateWithResult();
      }
    } catch (MismatchingMessageCorrelationException e) {
      throw new RetryLaterException("Case " + caseId + " is not yet waiting for the result of " + id
          + "; send the event again shortly.");
    }
  }
}
