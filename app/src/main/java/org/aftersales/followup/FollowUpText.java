package org.aftersales.followup;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.exception.NotValidException;

/** Free text from the follow-up forms: plain text of a bounded length. */
final class FollowUpText {

  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", Pattern.CASE_INSENSITIVE);

  private FollowUpText() {}

  /** The stripped text, or null when empty; too long or with markup is refused with {@code label} in the message. */
  static String optional(Object value, int max, String label) {
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > max || MARKUP.matcher(text).find()) {
      throw new NotValidException(label + ": plain text of at most " + max + " characters");
    }
    return text;
  }

  static boolean markup(String text) {
    return text != null && MARKUP.matcher(text).find();
  }
}
