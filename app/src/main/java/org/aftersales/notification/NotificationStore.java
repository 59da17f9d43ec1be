package org.aftersales.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifications sent per case (table {@code as_notification}), and the reservation that lets each id be
 * sent once. Every write commits at once in a transaction of its own, whatever transaction the caller (a
 * job) runs in: what reached the mail server must stay recorded even if the job's transaction rolls back.
 */
@Repository
public class NotificationStore {

  private static final String SENDING = "SENDING";
  private static final String SENT = "SENT";
  private static final String COLUMNS =
      "notification_id, case_id, type, channel, recipient_masked, subject, status, reserved_at, sent_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public NotificationStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The notifications sent (or recorded with channel NONE) for a case, oldest first. */
  public List<SentNotification> sentFor(String caseId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_notification WHERE case_id = ? AND status = ? "
        + "ORDER BY sent_at, notification_id", (rs, n) -> map(rs), caseId, SENT);
  }

  /**
   * Reserves the id for {@code pending}, which this caller then sends. Empty if the id is free or its earlier
   * reservation has expired ({@code staleBefore}); the earlier result if it was sent.
   *
   * @throws NotificationDeliveryException while another attempt holds a live reservation
   */
  Optional<SentNotification> reserve(SentNotification pending, Instant now, Instant staleBefore) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO as_notification (" + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)", pending.notificationId(), pending.caseId(),
          pending.type().name(), pending.channel(), pending.recipient(), pending.subject(), SENDING,
          Timestamp.from(now)));
      return Optional.empty();
    } catch (DuplicateKeyException taken) {
      Optional<SentNotification> earlier = find(pending.notificationId(), SENT);
      if (earlier.isPresent() || takeOver(pending, now, staleBefore)) {
        return earlier;
      }
      throw new NotificationDeliveryException("Notification " + pending.notificationId()
          + " is being sent by another attempt; try again later");
    }
  }

  /** Records that the reserved notification went out at {@code sentAt}. */
  void markSent(String notificationId, Instant sentAt) {
    ownTransaction.executeWithoutResult(status -> jdbc.update(
        "UPDATE as_notification SET status = ?, sent_at = ? WHERE notification_id = ?",
        SENT, Timestamp.from(sentAt), notificationId));
  }

  /** Gives the id back after a failed send, so that a retry may send it. */
  void release(String notificationId) {
    ownTransaction.executeWithoutResult(status -> jdbc.update(
        "DELETE FROM as_notification WHERE notification_id = ? AND status = ?", notificationId, SENDING));
  }

  Optional<SentNotification> find(String notificationId, String status) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_notification WHERE notification_id = ? AND status = ?",
        (rs, n) -> map(rs), notificationId, status).stream().findFirst();
  }

  /** A reservation older than the lease belongs to an attempt that never finished: take it over. */
  private boolean takeOver(SentNotification pending, Instant now, Instant staleBefore) {
    Integer updated = ownTransaction.execute(status -> jdbc.update("UPDATE as_notification SET channel = ?, "
            + "recipient_masked = ?, subject = ?, reserved_at = ? "
            + "WHERE notification_id = ? AND status = ? AND reserved_at < ?",
        pending.channel(), pending.recipient(), pending.subject(), Timestamp.from(now), pending.notificationId(),
        SENDING, Timestamp.from(staleBefore)));
    return updated != null && updated == 1;
  }

  private static SentNotification map(ResultSet rs) throws SQLException {
    Timestamp sentAt = rs.getTimestamp("sent_at");
    return new SentNotification(rs.getString("notification_id"), rs.getString("case_id"),
        NotificationType.valueOf(rs.getString("type")), rs.getString("channel"), rs.getString("recipient_masked"),
        rs.getString("subject"), sentAt == null ? null : OffsetDateTime.ofInstant(sentAt.toInstant(), ZoneOffset.UTC),
        false);
  }
}
