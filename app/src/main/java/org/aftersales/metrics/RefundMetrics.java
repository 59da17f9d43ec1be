package org.aftersales.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.aftersales.payment.PaymentStatus;
import org.aftersales.payment.RefundLedger.RefundSettled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts refunds as the payment provider settles them, by currency and case type: paid
 * ({@code aftersales_refunds_paid_total}, and the money in {@code aftersales_refunds_paid_amount}, a summary in
 * currency units: {@code _sum}, {@code _count}, {@code _max}) and refused ({@code aftersales_refunds_failed_total}).
 * A refund counts when its pending entry in the ledger turns final and that has committed: a repeated callback,
 * or one whose transaction was rolled back, counts nothing.
 */
@Component
public class RefundMetrics {

  static final String PAID = "aftersales.refunds.paid";
  static final String PAID_AMOUNT = "aftersales.refunds.paid.amount";
  static final String FAILED = "aftersales.refunds.failed";
  /** The type tag of a refund whose case could not be read. */
  static final String UNKNOWN_TYPE = "UNKNOWN";

  private final MeterRegistry registry;
  private final SystemReads reads;

  public RefundMetrics(MeterRegistry registry, SystemReads reads) {
    this.registry = registry;
    this.reads = reads;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void refundSettled(RefundSettled refund) {
    Tags tags = Tags.of("currency", refund.currency(), "type",
        reads.caseRecord(refund.caseId()).map(c -> c.type().name()).orElse(UNKNOWN_TYPE));
    if (refund.result() == PaymentStatus.SUCCEEDED) {
      Counter.builder(PAID).description("Refunds the payment provider paid").tags(tags).register(registry).increment();
      DistributionSummary.builder(PAID_AMOUNT).description("Money refunded through the payment provider, in currency "
          + "units").tags(tags).register(registry).record(refund.amount().doubleValue());
    } else if (refund.result() == PaymentStatus.FAILED) {
      Counter.builder(FAILED).description("Refunds the payment provider refused").tags(tags).register(registry)
          .increment();
    }
  }
}
