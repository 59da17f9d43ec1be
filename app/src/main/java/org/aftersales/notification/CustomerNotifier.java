package org.aftersales.notification;

/**
 * The port through which the after-sales flows tell the customer what happened and what to do next.
 */
public interface CustomerNotifier {

  /**
   * Sends once per {@link CustomerNotification#notificationId()}: a repeated call with the same id (a job
   * retry, a restart) sends nothing and returns the first result, marked {@link SentNotification#duplicate()}.
   *
   * @throws IllegalArgumentException when a detail the type requires is missing (a programming error)
   * @throws NotificationDeliveryException when the message could not be handed over now; retrying later is
   *     safe and sends at most one message
   */
  SentNotification send(CustomerNotification notification);
}
