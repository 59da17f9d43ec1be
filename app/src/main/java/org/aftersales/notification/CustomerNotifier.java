package org.aftersales.notification;

/**
 * The port through which the after-sales flows tell the customer (or a seller, a supervisor) what happened and what to
 * do next. It queues the notice in the caller's transaction (the outbox): the notice commits with the flow step or not
 * at all, and the relay ({@link NotificationRelay}) sends it after the commit.
 */
public interface CustomerNotifier {

  /**
   * Queues once per {@link CustomerNotification#notificationId()}: a repeated call with the same id queues nothing
   * and returns the first notice, marked {@link SentNotification#duplicate()}. The result's {@code sentAt} is empty
   * until the relay has sent it; a notice with nothing to send (channel NONE) is recorded at once, with its timeline
   * entry.
   *
   * @param timeline the case timeline's entry once the notice went out, or null for none
   * @throws IllegalArgumentException when a detail the type requires is missing or the address is not one (a
   *     programming error or bad data)
   */
  SentNotification queue(CustomerNotification notification, TimelineNote timeline);

  /**
   * The entry the case's timeline gets when the notice went out: {@code code}, and a lead followed by the subject:
   * {@code emailLead} (such as "We e-mailed you: ") once the mail was sent, {@code noEmailLead} (such as "Notice for
   * you: ") for a notice without e-mail, recorded when it is queued.
   */
  record TimelineNote(String code, String emailLead, String noEmailLead) {}
}
