package org.aftersales.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.cases.CaseRecord.CaseDetails;
import org.aftersales.cases.CaseRecord.CaseItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The case records, their order lines and timelines, in the application's own tables. Within one transaction a case
 * is read once: {@link #find} keeps what it read for the rest of the transaction (a flow step reads its case in
 * several delegates and listeners), and every change of the case through this repository, and
 * {@link #findForUpdate}, replace or drop the kept copy.
 */
@Repository
public class CaseRepository {

  private static final String COLUMNS = "case_id, case_type, status, stage, outcome, order_id, customer_id, seller_id, "
      + "channel, reason, description, delivered_at, paid_amount, requested_amount, refunded_amount, currency, "
      + "details_json, opened_at, closed_at, due_at, opened_by";
  /** A case with its order lines in one statement: the case's columns on every line, none of the line's named alike. */
  private static final String WITH_LINES = "SELECT c." + COLUMNS.replace(", ", ", c.")
      + ", i.line_no, i.sku, i.name, i.quantity, i.ordered_quantity, i.unit_price FROM as_case c "
      + "LEFT JOIN as_case_item i ON i.case_id = c.case_id WHERE c.case_id = ? ORDER BY i.line_no";

  private final JdbcTemplate jdbc;
  private final ObjectMapper objectMapper;

  public CaseRepository(JdbcTemplate jdbc, ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
  }

  public void insert(CaseRecord c) {
    forget(c.caseId());
    jdbc.update("INSERT INTO as_case (" + COLUMNS + ", version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
        c.caseId(), c.type().name(), c.status().name(), c.stage(), c.outcome() == null ? null : c.outcome().name(),
        c.orderId(), c.customerId(), c.sellerId(), c.channel().name(), c.reason().name(), c.description(),
        ts(c.deliveredAt()), c.paidAmount(), c.requestedAmount(), c.refundedAmount(), c.currency(),
        json(c.details()), ts(c.openedAt()), ts(c.closedAt()), ts(c.dueAt()), c.openedBy());
    for (CaseItem item : c.items()) {
      jdbc.update("INSERT INTO as_case_item (case_id, line_no, sku, name, quantity, ordered_quantity, unit_price) "
          + "VALUES (?,?,?,?,?,?,?)", c.caseId(), item.lineNo(), item.sku(), item.name(), item.quantity(),
          item.orderedQuantity(), item.unitPrice());
    }
  }

  public Optional<CaseRecord> find(String caseId) {
    Map<String, CaseRecord> read = TransactionReads.current();
    CaseRecord kept = read == null ? null : read.get(caseId);
    if (kept != null) {
      return Optional.of(kept);
    }
    Optional<CaseRecord> found = Optional.ofNullable(jdbc.query(WITH_LINES, rs -> {
      if (!rs.next()) {
        return null;
      }
      CaseRecord c = map(rs);
      List<CaseItem> items = new java.util.ArrayList<>();
      do {
        if (rs.getObject("line_no") != null) {
          items.add(new CaseItem(rs.getInt("line_no"), rs.getString("sku"), rs.getString("name"),
              rs.getInt("quantity"), rs.getInt("ordered_quantity"), rs.getBigDecimal("unit_price")));
        }
      } while (rs.next());
      return withItems(c, List.copyOf(items));
    }, caseId));
    if (read != null) {
      found.ifPresent(c -> read.put(caseId, c));
    }
    return found;
  }

  /** Locks the case row until the transaction ends, so that concurrent changes of one case queue up. */
  public Optional<CaseRecord> findForUpdate(String caseId) {
    forget(caseId);
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case WHERE case_id = ? FOR UPDATE", (rs, n) -> map(rs), caseId)
        .stream().findFirst().map(this::withItems);
  }

  /**
   * Locks the case row until the transaction ends, without reading it; false if there is no such case. Who changes a
   * case and rows that belong to it (its refunds, its charges) locks the case first, so that two such transactions
   * queue up instead of each holding what the other waits for.
   */
  public boolean lock(String caseId) {
    forget(caseId);
    return !jdbc.queryForList("SELECT case_id FROM as_case WHERE case_id = ? FOR UPDATE", String.class, caseId).isEmpty();
  }

  public List<CaseRecord> findByCustomer(String customerId, int offset, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case WHERE customer_id = ? ORDER BY opened_at DESC, case_id DESC "
        + "LIMIT ? OFFSET ?", (rs, n) -> map(rs), customerId, limit, offset);
  }

  public long countByCustomer(String customerId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case WHERE customer_id = ?", Long.class, customerId);
  }

  /**
   * Sets an open case's stage and due date. A copy kept in this transaction is kept with them (a flow step moves its
   * case through a stage or two and reads it again in the next delegate: issue 21, no second read for that).
   */
  public void updateStage(String caseId, String stage, Instant dueAt) {
    int changed = jdbc.update("UPDATE as_case SET stage = ?, due_at = ?, version = version + 1 WHERE case_id = ? "
        + "AND status = 'OPEN'", stage, ts(dueAt), caseId);
    Map<String, CaseRecord> read = TransactionReads.current();
    CaseRecord kept = read == null ? null : read.get(caseId);
    if (kept == null) {
      return;
    }
    if (changed == 1 && kept.status() == CaseStatus.OPEN) {
      read.put(caseId, kept.withStage(stage, dueAt));
    } else {
      read.remove(caseId);
    }
  }

  /** Closes an open case; returns false if it was closed already. */
  public boolean close(String caseId, Outcome outcome, String stage, Instant closedAt) {
    forget(caseId);
    return jdbc.update("UPDATE as_case SET status = 'CLOSED', outcome = ?, stage = ?, closed_at = ?, due_at = NULL, "
        + "version = version + 1 WHERE case_id = ? AND status = 'OPEN'", outcome.name(), stage, ts(closedAt), caseId) == 1;
  }

  /** Opens a closed case again (a remedy ordered on a complaint); returns false if it was open. */
  public boolean reopen(String caseId, String stage) {
    forget(caseId);
    return jdbc.update("UPDATE as_case SET status = 'OPEN', outcome = NULL, closed_at = NULL, stage = ?, "
        + "version = version + 1 WHERE case_id = ? AND status = 'CLOSED'", stage, caseId) == 1;
  }

  public void updateDetails(String caseId, CaseDetails details, String description) {
    forget(caseId);
    jdbc.update("UPDATE as_case SET details_json = ?, description = COALESCE(?, description), version = version + 1 "
        + "WHERE case_id = ?", json(details), description, caseId);
  }

  /** Cases opened in [from, to), optionally of one type and one seller, oldest first; at most {@code limit}. */
  public List<CaseRecord> findOpenedBetween(Instant from, Instant to, CaseType type, String sellerId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM as_case WHERE opened_at >= ? AND opened_at < ?");
    List<Object> args = new java.util.ArrayList<>(List.of(ts(from), ts(to)));
    if (type != null) {
      sql.append(" AND case_type = ?");
      args.add(type.name());
    }
    if (sellerId != null) {
      sql.append(" AND seller_id = ?");
      args.add(sellerId);
    }
    sql.append(" ORDER BY opened_at, case_id");
    return jdbc.query(con -> {
      var statement = con.prepareStatement(sql.toString());
      statement.setMaxRows(limit);
      for (int i = 0; i < args.size(); i++) {
        statement.setObject(i + 1, args.get(i));
      }
      return statement;
    }, (rs, n) -> map(rs)).stream().map(this::withItems).toList();
  }

  /** All cases of a customer for one order, oldest first. */
  public List<CaseRecord> findForOrder(String customerId, String orderId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case WHERE customer_id = ? AND order_id = ? ORDER BY opened_at",
        (rs, n) -> map(rs), customerId, orderId).stream().map(this::withItems).toList();
  }

  /** Closed cases of a customer for one order, newest first (for repeat-fault checks). */
  public List<CaseRecord> findClosedForOrder(String customerId, String orderId, CaseType type) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case WHERE customer_id = ? AND order_id = ? AND case_type = ? "
        + "AND status = 'CLOSED' ORDER BY closed_at DESC", (rs, n) -> map(rs), customerId, orderId, type.name())
        .stream().map(this::withItems).toList();
  }

  public void addRefunded(String caseId, BigDecimal amount) {
    forget(caseId);
    jdbc.update("UPDATE as_case SET refunded_amount = refunded_amount + ?, version = version + 1 WHERE case_id = ?",
        amount, caseId);
  }

  public void addEvent(String caseId, Instant at, String code, String text, String actor) {
    jdbc.update("INSERT INTO as_case_event (case_id, occurred_at, code, text, actor) VALUES (?,?,?,?,?)",
        caseId, ts(at), code, text.length() > 500 ? text.substring(0, 500) : text, actor);
  }

  public List<TimelineEntry> timeline(String caseId) {
    return jdbc.query("SELECT occurred_at, code, text FROM as_case_event WHERE case_id = ? ORDER BY event_id",
        (rs, n) -> new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)), caseId);
  }

  private static void forget(String caseId) {
    Map<String, CaseRecord> read = TransactionReads.current();
    if (read != null) {
      read.remove(caseId);
    }
  }

  /**
   * The cases read in the current transaction; null outside one. Kept as one of the transaction's synchronizations,
   * so that Spring drops it when the transaction ends and sets it aside while a transaction started inside this one
   * (REQUIRES_NEW) runs with its own.
   */
  private static final class TransactionReads implements TransactionSynchronization {

    private final Map<String, CaseRecord> cases = new HashMap<>();

    static Map<String, CaseRecord> current() {
      if (!TransactionSynchronizationManager.isSynchronizationActive()
          || !TransactionSynchronizationManager.isActualTransactionActive()) {
        return null;
      }
      for (TransactionSynchronization each : TransactionSynchronizationManager.getSynchronizations()) {
        if (each instanceof TransactionReads reads) {
          return reads.cases;
        }
      }
      TransactionReads reads = new TransactionReads();
      TransactionSynchronizationManager.registerSynchronization(reads);
      return reads.cases;
    }
  }

  private CaseRecord withItems(CaseRecord c) {
    return withItems(c, jdbc.query("SELECT line_no, sku, name, quantity, ordered_quantity, unit_price FROM as_case_item "
            + "WHERE case_id = ? ORDER BY line_no",
        (rs, n) -> new CaseItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
            rs.getBigDecimal(6)), c.caseId()));
  }

  private static CaseRecord withItems(CaseRecord c, List<CaseItem> items) {
    return new CaseRecord(c.caseId(), c.type(), c.status(), c.stage(), c.outcome(), c.orderId(), c.customerId(),
        c.sellerId(), c.channel(), c.reason(), c.description(), c.deliveredAt(), c.paidAmount(), c.requestedAmount(),
        c.refundedAmount(), c.currency(), c.details(), c.openedAt(), c.closedAt(), c.dueAt(), c.openedBy(), items);
  }

  private CaseRecord map(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    return new CaseRecord(rs.getString("case_id"), CaseType.valueOf(rs.getString("case_type")),
        CaseStatus.valueOf(rs.getString("status")), rs.getString("stage"), outcome == null ? null : Outcome.valueOf(outcome),
        rs.getString("order_id"), rs.getString("customer_id"), rs.getString("seller_id"),
        Channel.valueOf(rs.getString("channel")), Reason.valueOf(rs.getString("reason")), rs.getString("description"),
        instant(rs, "delivered_at"), rs.getBigDecimal("paid_amount"), rs.getBigDecimal("requested_amount"),
        rs.getBigDecimal("refunded_amount"), rs.getString("currency"), details(rs.getString("details_json")),
        instant(rs, "opened_at"), instant(rs, "closed_at"), instant(rs, "due_at"), rs.getString("opened_by"), List.of());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private String json(CaseDetails details) {
    try {
      return objectMapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private CaseDetails details(String json) {
    try {
      return objectMapper.readValue(json, CaseDetails.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable case details: " + e.getMessage(), e);
    }
  }
}
