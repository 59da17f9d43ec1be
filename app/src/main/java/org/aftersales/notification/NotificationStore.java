package org.aftersales.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox (table {@code as_notification}): a notice is queued PENDING in the transaction of the flow
 * step that queues it, and the relay ({@link NotificationRelay}) claims it, sends it and marks it SENT, or tries it
 * again later, or marks it FAILED. A claim is a conditional update ({@code claimed_until} in the past or empty), so
 * that of several nodes exactly one holds a notice at a time. The relay's writes run in no transaction of their own
 * (auto-commit, each at once): it calls this store outside any transaction.
 */
@Repository
public class NotificationStore {

  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";
  private static final String COLUMNS =
      "notification_id, case_id, type, channel, recipient_masked, subject, status, reserved_at, sent_at";

  /** A notice as the relay sends it: the address and body are there only while it is not sent. */
  record Outgoing(String notificationId, String caseId, NotificationType type, String address, String name,
      String subject, String body, String timelineCode, String timelineText, int attempts) {

    /** The same notice after one more claimed attempt. */
    Outgoing claimed() {
      return new Outgoing(notificationId, caseId, type, address, name, subject, body, timelineCode, timelineText,
          attempts + 1);
    }
  }

  /** A notice that failed for good, for the operators. */
  public record FailedNotification(String notificationId, String caseId, NotificationType type, String recipient,
      String subject, int attempts, String lastError, Instant failedAt) {}

  /** Most notices read at once (the due ones, the failed ones). */
  static final int BATCH = 100;

  private final JdbcTemplate jdbc;
  private final JdbcTemplate batch;

  public NotificationStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.batch = new JdbcTemplate(jdbc.getDataSource());
    this.batch.setMaxRows(BATCH);
  }

  /** The notifications sent (or recorded with channel NONE) for a case, oldest first. */
  public List<SentNotification> sentFor(String caseId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_notification WHERE case_id = ? AND status = ? "
        + "ORDER BY sent_at, notification_id", (rs, n) -> map(rs), caseId, SENT);
  }

  /** The notices of a case the relay has still to send, oldest first. */
  public List<SentNotification> pendingFor(String caseId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_notification WHERE case_id = ? AND status = ? "
        + "ORDER BY reserved_at, notification_id", (rs, n) -> map(rs), caseId, PENDING);
  }

  /** The notices that failed for good, oldest first; at most {@link #BATCH}. */
  public List<FailedNotification> failed() {
    return batch.query("SELECT notification_id, case_id, type, recipient_masked, subject, attempts, last_error, failed_at "
        + "FROM as_notification WHERE status = ? ORDER BY failed_at, notification_id", (rs, n) -> new FailedNotification(
            rs.getString(1), rs.getString(2), NotificationType.valueOf(rs.getString(3)), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant()), FAILED);
  }

  /** How many notices are in {@code status}. */
  public long count(String status) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM as_notification WHERE status = ?", Long.class, status);
    return n == null ? 0 : n;
  }

  /** The notice with this id, whatever its status. */
  Optional<SentNotification> find(String notificationId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_notification WHERE notification_id = ?",
        (rs, n) -> map(rs), notificationId).stream().findFirst();
  }

  /**
   * Queues a notice in the caller's transaction. {@code address} and {@code body} are null for a notice with
   * nothing to send (channel NONE): that one is SENT at once.
   */
  void queue(SentNotification notice, String address, String name, String body, String timelineCode,
      String timelineText, Instant now) {
    boolean send = address != null;
    jdbc.update("INSERT INTO as_notification (" + COLUMNS + ", recipient_address, recipient_name, body, timeline_code, "
            + "timeline_text, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        notice.notificationId(), notice.caseId(), notice.type().name(), notice.channel(), notice.recipient(),
        notice.subject(), send ? PENDING : SENT, ts(now), send ? null : ts(now), address, name, body,
        send ? timelineCode : null, send ? timelineText : null, send ? ts(now) : null);
  }

  /** The ids of notices due to be sent at {@code now} and held by nobody, oldest first; at most {@link #BATCH}. */
  List<String> due(Instant now) {
    return dueOutgoing(now).stream().map(Outgoing::notificationId).toList();
  }

  /**
   * The notices due to be sent at {@code now} and held by nobody, with what goes out, oldest first; at most
   * {@link #BATCH}. What a pending notice says never changes, so the relay sends what it read here once its claim
   * succeeded (issue 21: no second read per mail); {@link Outgoing#attempts()} is the count before that claim.
   */
  List<Outgoing> dueOutgoing(Instant now) {
    return batch.query("SELECT " + OUTGOING + " FROM as_notification WHERE status = ? AND next_attempt_at <= ? "
            + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, notification_id",
        NotificationStore::outgoing, PENDING, ts(now), ts(now));
  }

  /**
   * Takes the notice for this relay until {@code until}, counting the attempt: true only for the one caller whose
   * conditional update found it due and held by nobody.
   */
  boolean claim(String notificationId, Instant now, Instant until) {
    return jdbc.update("UPDATE as_notification SET claimed_until = ?, attempts = attempts + 1 "
        + "WHERE notification_id = ? AND status = ? AND next_attempt_at <= ? "
        + "AND (claimed_until IS NULL OR claimed_until < ?)", ts(until), notificationId, PENDING, ts(now), ts(now)) == 1;
  }

  Optional<Outgoing> outgoing(String notificationId) {
    return jdbc.query("SELECT " + OUTGOING + " FROM as_notification WHERE notification_id = ? AND status = ?",
        NotificationStore::outgoing, notificationId, PENDING).stream().findFirst();
  }

  private static final String OUTGOING = "notification_id, case_id, type, recipient_address, recipient_name, subject, "
      + "body, timeline_code, timeline_text, attempts";

  private static Outgoing outgoing(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Outgoing(rs.getString(1), rs.getString(2), NotificationType.valueOf(rs.getString(3)), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10));
  }

  /** Records that the notice went out; the address and the body are not kept after that. */
  boolean markSent(String notificationId, Instant sentAt) {
    return jdbc.update("UPDATE as_notification SET status = ?, sent_at = ?, claimed_until = NULL, "
        + "recipient_address = NULL, recipient_name = NULL, body = NULL, last_error = NULL "
        + "WHERE notification_id = ? AND status = ?", SENT, ts(sentAt), notificationId, PENDING) == 1;
  }

  /** The send failed: try again at {@code next}, and let go of the claim. */
  void retryLater(String notificationId, Instant next, String error) {
    jdbc.update("UPDATE as_notification SET next_attempt_at = ?, claimed_until = NULL, last_error = ? "
        + "WHERE notification_id = ? AND status = ?", ts(next), cut(error), notificationId, PENDING);
  }

  /** The send failed for the last time: FAILED until an operator retries it. */
  void markFailed(String notificationId, Instant at, String error) {
    jdbc.update("UPDATE as_notification SET status = ?, failed_at = ?, claimed_until = NULL, last_error = ? "
        + "WHERE notification_id = ? AND status = ?", FAILED, ts(at), cut(error), notificationId, PENDING);
  }

  /** A FAILED notice is PENDING again, due now, with its attempts counted afresh; false if it is not FAILED. */
  boolean retry(String notificationId, Instant now) {
    return jdbc.update("UPDATE as_notification SET status = ?, attempts = 0, next_attempt_at = ?, failed_at = NULL "
        + "WHERE notification_id = ? AND status = ?", PENDING, ts(now), notificationId, FAILED) == 1;
  }

  /** The status of a notice, if there is one with this id. */
  Optional<String> status(String notificationId) {
    return jdbc.queryForList("SELECT status FROM as_notification WHERE notification_id = ?", String.class,
        notificationId).stream().findFirst();
  }

  private static String cut(String error) {
    return error == null || error.length() <= 500 ? error : error.substring(0, 500);
  }

  private static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }

  private static SentNotification map(ResultSet rs) throws SQLException {
    Timestamp sentAt = rs.getTimestamp("sent_at");
    return new SentNotification(rs.getString("notification_id"), rs.getString("case_id"),
        NotificationType.valueOf(rs.getString("type")), rs.getString("channel"), rs.getString("recipient_masked"),
        rs.getString("subject"), sentAt == null ? null : OffsetDateTime.ofInstant(sentAt.toInstant(), ZoneOffset.UTC),
        false);
  }
}
