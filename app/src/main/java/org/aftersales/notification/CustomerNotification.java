package org.aftersales.notification;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to tell one customer about one case. {@code notificationId} identifies the message: the same id is
 * sent only once, so build it from something stable (for example case id, type and activity instance).
 * Detail values are shown as given: pass dates and amounts formatted for the customer.
 */
public record CustomerNotification(String notificationId, String caseId, String customerName, String email,
    String phone, NotificationType type, Locale locale, Map<String, String> details) {

  /** Longest notification id the store takes. */
  public static final int MAX_ID_LENGTH = 200;
  /** Longest case id, as in the case record. */
  public static final int MAX_CASE_ID_LENGTH = 40;

  public CustomerNotification {
    requireText(notificationId, "notificationId", MAX_ID_LENGTH);
    requireText(caseId, "caseId", MAX_CASE_ID_LENGTH);
    Objects.requireNonNull(type, "type");
    locale = locale == null ? Locale.ENGLISH : locale;
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The e-mail address if there is one to write to. */
  public boolean hasEmail() {
    return email != null && !email.isBlank();
  }

  private static void requireText(String value, String name, int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters");
    }
  }
}
