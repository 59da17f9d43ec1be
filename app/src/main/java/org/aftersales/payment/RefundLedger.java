package org.aftersales.payment;

import java.math.BigDecimal;
import java.time.Clock;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Our record of every refund asked of the payment provider for a case ({@code as_refund}). A refund id is
 * reserved before the provider is called, so a retried call reuses it and the provider pays it once; the
 * total of pending and paid refunds never exceeds what the customer paid, nor what {@link PayoutCap} allows over the order. The provider's final word on a refund
 * is announced once, as a {@link RefundSettled} event in the transaction that records it.
 */
@Repository
public class RefundLedger extends PaymentBook {

  /** The provider paid ({@code SUCCEEDED}) or refused ({@code FAILED}) a pending refund just now, in this transaction. */
  public record RefundSettled(String refundId, String caseId, BigDecimal amount, String currency,
      PaymentStatus result) {}

  private final CaseProgress progress;
  private final ApplicationEventPublisher events;
  private final PayoutCap cap;

  public RefundLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, CaseRepository cases,
      CaseProgress progress, Clock clock, ApplicationEventPublisher events, PayoutCap cap,
      @Value("${aftersales.payment.party:payment}") String providerParty) {
    super(jdbc, transactions, cases, clock, "as_refund", "refund_id", "provider_refund_id", "Refund", providerParty);
    this.progress = progress;
    this.events = events;
    this.cap = cap;
  }

  /** Pending and paid refunds of the case: what is already promised to the customer. */
  public BigDecimal committed(String caseId) {
    BigDecimal sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM as_refund WHERE case_id = ? "
        + "AND status IN ('PENDING', 'SUCCEEDED')", BigDecimal.class, caseId);
    return sum == null ? BigDecimal.ZERO : sum;
  }

  @Override
  protected void checkReservation(String caseId, String id, BigDecimal amount, BigDecimal paid) {
    BigDecimal total = committed(caseId).add(amount);
    if (total.compareTo(paid) > 0) {
      throw new IllegalStateException("Refund " + id + " of " + amount + " would take case " + caseId + " to " + total
          + ", more than the " + paid + " paid");
    }
    PayoutCap.Room room = cap.room(caseId);
    if (!room.allows(amount)) {
      throw new IllegalStateException("Refund " + id + " of " + amount + " on case " + caseId + " is more than the "
          + room.amount() + " that may still be paid: " + room.why());
    }
  }

  @Override
  protected void settled(Entry refund, PaymentStatus result, String failureReason) {
    String money = refund.amount().toPlainString() + " " + refund.currency();
    if (result == PaymentStatus.SUCCEEDED) {
      cases.addRefunded(refund.caseId(), refund.amount());
      progress.record(refund.caseId(), "REFUND_PAID", "Refund of " + money + " paid", null);
    } else {
      progress.record(refund.caseId(), "REFUND_FAILED", "The refund of " + money + " could not be paid ("
          + (failureReason == null ? "no reason given" : failureReason) + ")", null);
    }
    events.publishEvent(new RefundSettled(refund.id(), refund.caseId(), refund.amount(), refund.currency(), result));
  }
}
