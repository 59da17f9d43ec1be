package org.aftersales.complaint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.ComplaintRecords;
import org.aftersales.cases.ComplaintCategory;
import org.aftersales.cases.OpenCaseRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Complaints ({@code as_complaint}) and the seller penalty record ({@code as_seller_penalty}). */
@Repository
public class ComplaintBook implements ComplaintRecords {

  /** One complaint as stored. */
  public record Complaint(String caseId, ComplaintCategory category, String sellerId, String customerId,
      String orderId, String linkedCaseId, List<String> chatRecord, String sellerEmail, boolean secondComplaint,
      String earlierCaseId, boolean complainedBefore, String priority, Instant firstResponseDue,
      Instant resolutionDue, BigDecimal compensationCap, Instant sellerStatementDue, String sellerStatement,
      List<String> sellerEvidence, Instant sellerAnsweredAt, Instant warnedAt, Instant escalatedAt, String decision,
      String decisionReasons, String decidedBy, Instant decidedAt, Instant appealDue, String appealReason,
      Instant appealedAt, String appealDecision, String appealReasons, String appealDecidedBy,
      Instant appealDecidedAt, Instant openedAt) {}

  /** One penalty on a seller. */
  public record Penalty(String penaltyId, String sellerId, String caseId, ComplaintProcess.Penalty kind, int points,
      BigDecimal fine, String currency, String reason, String imposedBy, Instant imposedAt) {}

  private static final TypeReference<List<String>> LINKS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public ComplaintBook(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public void insert(CaseRecord c, OpenCaseRequest.Complaint complaint) {
    jdbc.update("INSERT INTO as_complaint (case_id, category, seller_id, customer_id, order_id, linked_case_id, "
        + "chat_record, seller_email, second_complaint, complained_before, opened_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        c.caseId(), complaint.category().name(), c.sellerId(), c.customerId(), c.orderId(), complaint.linkedCaseId(),
        write(complaint.chatRecord() == null ? List.of() : complaint.chatRecord()), null, false,
        false, ts(c.openedAt()));
  }

  /** The cases of the newest {@code limit} complaints about a seller. */
  public List<String> casesOfSeller(String sellerId, int limit) {
    return jdbc.queryForList("SELECT case_id FROM as_complaint WHERE seller_id = ? ORDER BY opened_at DESC, case_id",
        String.class, sellerId).stream().limit(limit).toList();
  }

  @Override
  public Optional<BigDecimal> compensationCap(String caseId) {
    return find(caseId).map(Complaint::compensationCap);
  }

  public Optional<Complaint> find(String caseId) {
    return jdbc.query("SELECT * FROM as_complaint WHERE case_id = ?", this::complaint, caseId).stream().findFirst();
  }

  /**
   * The latest earlier complaint by this customer about the same order or the same linked case since
   * {@code since}; the one in hand excluded.
   */
  public Optional<String> earlierComplaint(Complaint c, Instant since) {
    return jdbc.queryForList("SELECT case_id FROM as_complaint WHERE customer_id = ? AND case_id <> ? AND opened_at >= ? "
        + "AND (order_id = ? OR (linked_case_id IS NOT NULL AND linked_case_id = ?)) ORDER BY opened_at DESC",
        String.class, c.customerId(), c.caseId(), ts(since), c.orderId(), c.linkedCaseId()).stream().findFirst();
  }

  /** Whether this customer complained about this seller before (any order, any time). */
  public boolean complainedBefore(Complaint c) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM as_complaint WHERE customer_id = ? AND seller_id = ? "
        + "AND case_id <> ? AND opened_at <= ?", Integer.class, c.customerId(), c.sellerId(), c.caseId(), ts(c.openedAt()));
    return n != null && n > 0;
  }

  public void assessed(String caseId, boolean second, String earlierCaseId, boolean before, String priority,
      Instant firstResponseDue, Instant resolutionDue, BigDecimal cap, Instant sellerStatementDue) {
    jdbc.update("UPDATE as_complaint SET second_complaint = ?, earlier_case_id = ?, complained_before = ?, priority = ?, "
        + "first_response_due = ?, resolution_due = ?, compensation_cap = ?, seller_statement_due = ? WHERE case_id = ?",
        second, earlierCaseId, before, priority, ts(firstResponseDue), ts(resolutionDue), cap, ts(sellerStatementDue),
        caseId);
  }

  public void sellerAnswered(String caseId, String statement, List<String> evidence, Instant at) {
    jdbc.update("UPDATE as_complaint SET seller_statement = ?, seller_evidence = ?, seller_answered_at = ? WHERE case_id = ?",
        statement, write(evidence), ts(at), caseId);
  }

  public void warned(String caseId, Instant at) {
    jdbc.update("UPDATE as_complaint SET warned_at = ? WHERE case_id = ?", ts(at), caseId);
  }

  public void escalated(String caseId, Instant at) {
    jdbc.update("UPDATE as_complaint SET escalated_at = ? WHERE case_id = ?", ts(at), caseId);
  }

  public void decided(String caseId, String decision, String reasons, String by, Instant at, Instant appealDue) {
    jdbc.update("UPDATE as_complaint SET decision = ?, decision_reasons = ?, decided_by = ?, decided_at = ?, appeal_due = ? "
        + "WHERE case_id = ?", decision, reasons, by, ts(at), ts(appealDue), caseId);
  }

  public void appealed(String caseId, String reason, Instant at) {
    jdbc.update("UPDATE as_complaint SET appeal_reason = ?, appealed_at = ? WHERE case_id = ?", reason, ts(at), caseId);
  }

  public void appealDecided(String caseId, String decision, String reasons, String by, Instant at) {
    jdbc.update("UPDATE as_complaint SET appeal_decision = ?, appeal_reasons = ?, appeal_decided_by = ?, "
        + "appeal_decided_at = ? WHERE case_id = ?", decision, reasons, by, ts(at), caseId);
  }

  /** Records a penalty once: the same id again changes nothing. */
  public boolean penalise(Penalty p) {
    Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM as_seller_penalty WHERE penalty_id = ?", Integer.class,
        p.penaltyId());
    if (exists != null && exists > 0) {
      return false;
    }
    jdbc.update("INSERT INTO as_seller_penalty (penalty_id, seller_id, case_id, kind, points, fine, currency, reason, "
        + "imposed_by, imposed_at) VALUES (?,?,?,?,?,?,?,?,?,?)", p.penaltyId(), p.sellerId(), p.caseId(),
        p.kind().name(), p.points(), p.fine(), p.currency(), p.reason(), p.imposedBy(), ts(p.imposedAt()));
    return true;
  }

  public List<Penalty> penaltiesOfSeller(String sellerId, Instant from, Instant to) {
    return jdbc.query("SELECT * FROM as_seller_penalty WHERE seller_id = ? AND imposed_at >= ? AND imposed_at < ? "
        + "ORDER BY imposed_at, penalty_id", this::penalty, sellerId, ts(from), ts(to));
  }

  public List<Penalty> penaltiesOfCase(String caseId) {
    return jdbc.query("SELECT * FROM as_seller_penalty WHERE case_id = ? ORDER BY imposed_at, penalty_id", this::penalty,
        caseId);
  }

  private Complaint complaint(ResultSet rs, int n) throws SQLException {
    return new Complaint(rs.getString("case_id"), ComplaintCategory.valueOf(rs.getString("category")),
        rs.getString("seller_id"), rs.getString("customer_id"), rs.getString("order_id"), rs.getString("linked_case_id"),
        read(rs.getString("chat_record")), rs.getString("seller_email"), rs.getBoolean("second_complaint"),
        rs.getString("earlier_case_id"), rs.getBoolean("complained_before"), rs.getString("priority"),
        instant(rs, "first_response_due"), instant(rs, "resolution_due"), rs.getBigDecimal("compensation_cap"),
        instant(rs, "seller_statement_due"), rs.getString("seller_statement"), read(rs.getString("seller_evidence")),
        instant(rs, "seller_answered_at"), instant(rs, "warned_at"), instant(rs, "escalated_at"),
        rs.getString("decision"), rs.getString("decision_reasons"), rs.getString("decided_by"),
        instant(rs, "decided_at"), instant(rs, "appeal_due"), rs.getString("appeal_reason"),
        instant(rs, "appealed_at"), rs.getString("appeal_decision"), rs.getString("appeal_reasons"),
        rs.getString("appeal_decided_by"), instant(rs, "appeal_decided_at"), instant(rs, "opened_at"));
  }

  private Penalty penalty(ResultSet rs, int n) throws SQLException {
    return new Penalty(rs.getString("penalty_id"), rs.getString("seller_id"), rs.getString("case_id"),
        ComplaintProcess.Penalty.valueOf(rs.getString("kind")), rs.getInt("points"), rs.getBigDecimal("fine"),
        rs.getString("currency"), rs.getString("reason"), rs.getString("imposed_by"), instant(rs, "imposed_at"));
  }

  private String write(List<String> links) {
    try {
      return json.writeValueAsString(links == null ? List.of() : links);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> read(String text) {
    if (text == null) {
      return List.of();
    }
    try {
      return json.readValue(text, LINKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
