package org.aftersales.payment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our record of every refund asked of the payment provider for a case ({@code as_refund}). A refund id is
 * reserved, in its own committed transaction, before the provider is called, so a retried call reuses it
 * and the provider's idempotency makes sure it is paid once; the total of pending and paid refunds never
 * exceeds what the customer paid.
 */
@Repository
public class RefundLedger {

  /** One refund as recorded. */
  public record Refund(String refundId, String caseId, BigDecimal amount, String currency, RefundStatus status,
      String failureReason) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final CaseRepository cases;
  private final CaseProgress progress;
  private final Clock clock;

  public RefundLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, CaseRepository cases,
      CaseProgress progress, Clock clock) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.cases = cases;
    this.progress = progress;
    this.clock = clock;
  }

  /** Pending and paid refunds of the case: what is already promised to the customer. */
  public BigDecimal committed(String caseId) {
    BigDecimal sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM as_refund WHERE case_id = ? "
        + "AND status IN ('PENDING', 'SUCCEEDED')", BigDecimal.class, caseId);
    return sum == null ? BigDecimal.ZERO : sum;
  }

  public Optional<Refund> find(String refundId) {
    return jdbc.query("SELECT refund_id, case_id, amount, currency, status, failure_reason FROM as_refund "
            + "WHERE refund_id = ?", (rs, n) -> new Refund(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
            rs.getString(4), RefundStatus.valueOf(rs.getString(5)), rs.getString(6)), refundId)
        .stream().findFirst();
  }

  public List<Refund> forCase(String caseId) {
    return jdbc.query("SELECT refund_id, case_id, amount, currency, status, failure_reason FROM as_refund "
            + "WHERE case_id = ? ORDER BY requested_at", (rs, n) -> new Refund(rs.getString(1), rs.getString(2),
            rs.getBigDecimal(3), rs.getString(4), RefundStatus.valueOf(rs.getString(5)), rs.getString(6)), caseId);
  }

  /**
   * Reserves {@code refundId} for {@code amount}, committed at once; calling it again for the same refund
   * changes nothing. Refuses an amount that would take the case's refunds above {@code paid}.
   */
  public void reserve(String caseId, String refundId, BigDecimal amount, String currency, BigDecimal paid) {
    newTransaction.executeWithoutResult(status -> {
      Optional<Refund> existing = find(refundId);
      if (existing.isPresent()) {
        if (existing.get().amount().compareTo(amount) != 0) {
          throw new IllegalStateException("Refund " + refundId + " was reserved for " + existing.get().amount()
              + ", not " + amount);
        }
        return;
      }
      BigDecimal total = committed(caseId).add(amount);
      if (total.compareTo(paid) > 0) {
        throw new IllegalStateException("Refund " + refundId + " of " + amount + " would take case " + caseId
            + " to " + total + ", more than the " + paid + " paid");
      }
      jdbc.update("INSERT INTO as_refund (refund_id, case_id, amount, currency, status, requested_at) "
          + "VALUES (?,?,?,?,?,?)", refundId, caseId, amount, currency, RefundStatus.PENDING.name(),
          Timestamp.from(clock.instant()));
    });
  }

  /**
   * Applies the provider's final word on a refund, once: a paid refund is added to the case's refunded
   * amount and timeline. The same result again is {@code ALREADY_APPLIED}; a contradicting one is refused.
   */
  public Effect settle(String refundId, RefundStatus result, String providerRefundId, String failureReason,
      BigDecimal amount, String currency) {
    if (result == RefundStatus.PENDING) {
      throw new IllegalArgumentException("Only a final result settles a refund");
    }
    Refund refund = jdbc.query("SELECT refund_id, case_id, amount, currency, status, failure_reason FROM as_refund "
            + "WHERE refund_id = ? FOR UPDATE", (rs, n) -> new Refund(rs.getString(1), rs.getString(2),
            rs.getBigDecimal(3), rs.getString(4), RefundStatus.valueOf(rs.getString(5)), rs.getString(6)), refundId)
        .stream().findFirst()
        .orElseThrow(() -> new NotFoundException("No refund " + refundId + " was asked for by this system."));
    if (amount != null && (refund.amount().compareTo(amount) != 0 || !refund.currency().equals(currency))) {
      throw new ConflictException("Refund " + refundId + " is for " + refund.amount().toPlainString() + " "
          + refund.currency() + ", not " + amount.toPlainString() + " " + currency + ".");
    }
    if (refund.status() == result) {
      return Effect.ALREADY_APPLIED;
    }
    if (refund.status() != RefundStatus.PENDING) {
      throw new ConflictException("Refund " + refundId + " was already settled as " + refund.status()
          + "; a later " + result + " contradicts it.");
    }
    jdbc.update("UPDATE as_refund SET status = ?, provider_refund_id = ?, failure_reason = ?, settled_at = ? "
        + "WHERE refund_id = ?", result.name(), providerRefundId, failureReason, Timestamp.from(clock.instant()),
        refundId);
    String money = refund.amount().toPlainString() + " " + refund.currency();
    if (result == RefundStatus.SUCCEEDED) {
      cases.addRefunded(refund.caseId(), refund.amount());
      progress.record(refund.caseId(), "REFUND_PAID", "Refund of " + money + " paid", null);
    } else {
      progress.record(refund.caseId(), "REFUND_FAILED", "The refund of " + money + " could not be paid ("
          + (failureReason == null ? "no reason given" : failureReason) + ")", null);
    }
    return Effect.APPLIED;
  }

  /** The case a refund belongs to. */
  public String caseOf(String refundId) {
    return find(refundId).map(Refund::caseId)
        .orElseThrow(() -> new NotFoundException("No refund " + refundId + " was asked for by this system."));
  }
}
