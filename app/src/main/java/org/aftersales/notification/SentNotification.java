package org.aftersales.notification;

import java.time.OffsetDateTime;

/**
 * The record of a notification: where it went (channel {@code EMAIL}, or {@code NONE} when the customer
 * has no e-mail address), to whom (masked), with which subject and when ({@code sentAt} empty while it waits in the
 * outbox). {@code duplicate} is true when the call queued nothing because the id had been queued before.
 */
public record SentNotification(String notificationId, String caseId, NotificationType type, String channel,
    String recipient, String subject, OffsetDateTime sentAt, boolean duplicate) {

  public static final String EMAIL = "EMAIL";
  public static final String NONE = "NONE";

  SentNotification asDuplicate() {
    return new SentNotification(notificationId, caseId, type, channel, recipient, subject, sentAt, true);
  }
}
