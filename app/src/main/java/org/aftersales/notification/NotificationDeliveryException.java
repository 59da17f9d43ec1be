package org.aftersales.notification;

/**
 * A notification could not be handed over now (mail server down, or another attempt is sending the same
 * id). Unchecked so that a job fails and the engine retries it; a retry sends at most one message.
 */
public class NotificationDeliveryException extends RuntimeException {

  public NotificationDeliveryException(String message) {
    super(message);
  }

  public NotificationDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
