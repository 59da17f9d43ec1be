package org.aftersales.payment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What refunds and charges share: one row per id we send to the provider as its idempotency key, reserved
 * in its own committed transaction before the call, and settled once by the provider's final word.
 */
public abstract class PaymentBook {

  /** One refund or charge as recorded. */
  public record Entry(String id, String caseId, BigDecimal amount, String currency, PaymentStatus status,
      String failureReason) {}

  protected final JdbcTemplate jdbc;
  protected final CaseRepository cases;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final String table;
  private final String idColumn;
  private final String providerColumn;
  private final String what;
  private final String providerParty;

  /**
   * {@code providerParty}: the party id of the payment provider our requests go to ({@code aftersales.payment.party});
   * entries recorded before providers were told apart belong to it.
   */
  PaymentBook(JdbcTemplate jdbc, PlatformTransactionManager transactions, CaseRepository cases, Clock clock,
      String table, String idColumn, String providerColumn, String what, String providerParty) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.table = table;
    this.idColumn = idColumn;
    this.providerColumn = providerColumn;
    this.what = what;
    this.providerParty = providerParty;
  }

  /** Applies a newly final result to the case (money, timeline). */
  protected abstract void settled(Entry entry, PaymentStatus result, String failureReason);

  /** Checks a new reservation against what the case allows; throws if it must not be made. */
  protected void checkReservation(String caseId, String id, BigDecimal amount, BigDecimal limit) {}

  public Optional<Entry> find(String id) {
    return query(" WHERE " + idColumn + " = ?", id).stream().findFirst();
  }

  public List<Entry> forCase(String caseId) {
    return query(" WHERE case_id = ? ORDER BY requested_at", caseId);
  }

  /**
   * The case {@code id} belongs to, if it was asked of payment provider {@code party}; 404 as if unknown if it was
   * not, or never asked for.
   */
  public String caseRequestedFrom(String id, String party) {
    return jdbc.queryForList("SELECT case_id FROM " + table + " WHERE " + idColumn + " = ? "
        + "AND COALESCE(provider_party, ?) = ?", String.class, id, providerParty, party).stream().findFirst()
        .orElseThrow(this::unknown);
  }

  /** Reserves {@code id} for {@code amount}, committed at once; again for the same id changes nothing. */
  public void reserve(String caseId, String id, BigDecimal amount, String currency, BigDecimal limit) {
    newTransaction.executeWithoutResult(status -> {
      Optional<Entry> existing = find(id);
      if (existing.isPresent()) {
        if (existing.get().amount().compareTo(amount) != 0) {
          throw new IllegalStateException(what + " " + id + " was reserved for " + existing.get().amount() + ", not " + amount);
        }
        return;
      }
      checkReservation(caseId, id, amount, limit);
      jdbc.update("INSERT INTO " + table + " (" + idColumn + ", case_id, amount, currency, status, requested_at, "
          + "provider_party) VALUES (?,?,?,?,?,?,?)", id, caseId, amount, currency, PaymentStatus.PENDING.name(),
          Timestamp.from(clock.instant()), providerParty);
    });
  }

  /**
   * Applies the provider's final word once: the same result again is {@code ALREADY_APPLIED}; a contradicting
   * result, or another amount, is refused with 409.
   */
  public Effect settle(String id, PaymentStatus result, String providerId, String failureReason, BigDecimal amount,
      String currency) {
    return settle(id, null, result, providerId, failureReason, amount, currency);
  }

  /** {@link #settle(String, PaymentStatus, String, String, BigDecimal, String)} of an entry read before. */
  public Effect settle(Entry known, PaymentStatus result, String providerId, String failureReason, BigDecimal amount,
      String currency) {
    return settle(known.id(), known.caseId(), result, providerId, failureReason, amount, currency);
  }

  private Effect settle(String id, String caseId, PaymentStatus result, String providerId, String failureReason,
      BigDecimal amount, String currency) {
    if (result == PaymentStatus.PENDING) {
      throw new IllegalArgumentException("Only a final result settles a payment");
    }
    Entry entry = lock(id, caseId);
    if (amount != null && (entry.amount().compareTo(amount) != 0 || !entry.currency().equals(currency))) {
      throw new ConflictException(what + " " + id + " is for " + entry.amount().toPlainString() + " " + entry.currency()
          + ", not " + amount.toPlainString() + " " + currency + ".");
    }
    if (entry.status() == result) {
      return Effect.ALREADY_APPLIED;
    }
    if (entry.status() != PaymentStatus.PENDING) {
      throw new ConflictException(what + " " + id + " was already settled as " + entry.status() + "; a later "
          + result + " contradicts it.");
    }
    jdbc.update("UPDATE " + table + " SET status = ?, " + providerColumn + " = ?, failure_reason = ?, settled_at = ? WHERE "
        + idColumn + " = ?", result.name(), providerId, failureReason, Timestamp.from(clock.instant()), id);
    settled(entry, result, failureReason);
    return Effect.APPLIED;
  }

  /**
   * The provider paid what we had recorded as failed (it said so when asked): our record now says paid, and the
   * case gets the money, once. False if it already said paid.
   */
  public boolean reconcilePaid(String id, String providerId) {
    Entry entry = lock(id, null);
    if (entry.status() == PaymentStatus.SUCCEEDED) {
      return false;
    }
    jdbc.update("UPDATE " + table + " SET status = ?, " + providerColumn + " = ?, failure_reason = NULL, settled_at = ? "
        + "WHERE " + idColumn + " = ?", PaymentStatus.SUCCEEDED.name(), providerId, Timestamp.from(clock.instant()), id);
    settled(entry, PaymentStatus.SUCCEEDED, null);
    return true;
  }

  /**
   * Locks the case row of {@code id}, then its own row, and reads it. Settling writes both (the case's money and
   * timeline), and every transaction that writes a case and its payments takes the case first: a flow step's job
   * writes its case's stage before it settles, so a callback that locked the payment first and then waited for the
   * case deadlocked with it (issue 21). The case an id belongs to never changes, so it is read without a lock, and
   * not again when the caller read it ({@code caseId}, else null).
   */
  private Entry lock(String id, String caseId) {
    cases.lock(caseId != null ? caseId : find(id).orElseThrow(this::unknown).caseId());
    return query(" WHERE " + idColumn + " = ? FOR UPDATE", id).stream().findFirst().orElseThrow(this::unknown);
  }

  /** Ids still pending that were asked for at or before {@code before}: their result is overdue. */
  public List<String> pendingSince(java.time.Instant before) {
    return jdbc.queryForList("SELECT " + idColumn + " FROM " + table + " WHERE status = ? AND requested_at <= ? "
        + "ORDER BY requested_at", String.class, PaymentStatus.PENDING.name(), Timestamp.from(before));
  }

  /** Every entry asked for in [from, to), for reconciliation. */
  public List<Entry> requestedBetween(java.time.Instant from, java.time.Instant to) {
    return query(" WHERE requested_at >= ? AND requested_at < ? ORDER BY requested_at", Timestamp.from(from),
        Timestamp.from(to));
  }

  NotFoundException unknown() {
    return new NotFoundException("No " + what.toLowerCase() + " with this id was asked for by this system.");
  }

  private List<Entry> query(String where, Object... args) {
    RowMapper<Entry> rows = (rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
        PaymentStatus.valueOf(rs.getString(5)), rs.getString(6));
    return jdbc.query("SELECT " + idColumn + ", case_id, amount, currency, status, failure_reason FROM " + table + where,
        rows, args);
  }
}
