package org.aftersales.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks customers' contact data for logs and stored records, so that no full address or number is kept
 * where it is not needed: {@code li.wei@example.com} becomes {@code l***@example.com}, {@code +86 138 1234
 * 5678} becomes {@code +86 *** **** 5678}, a postal address keeps only its city and country
 * ({@code ***, Shanghai, CN}).
 */
public final class PersonalData {

  private static final String HIDDEN = "***";
  private static final int VISIBLE_DIGITS = 4;
  /** Digits of a national mobile number (China: 11); any in front of them form the country code. */
  private static final int NATIONAL_DIGITS = 11;

  private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

  private PersonalData() {}

  /** {@code text} with every e-mail address in it masked, such as an error message from a mail server. */
  public static String maskEmailsIn(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = EMAIL_IN_TEXT.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(masked, Matcher.quoteReplacement(maskEmail(matcher.group())));
    }
    return matcher.appendTail(masked).toString();
  }

  /** The city and country of a postal address, the street hidden; null when there is no address. */
  public static String maskAddress(String line1, String city, String country) {
    if (line1 == null && city == null && country == null) {
      return null;
    }
    StringBuilder masked = new StringBuilder(HIDDEN);
    for (String part : new String[] {city, country}) {
      if (part != null && !part.isBlank()) {
        masked.append(", ").append(part.strip());
      }
    }
    return masked.toString();
  }

  /**
   * {@code text} (such as an error message that quotes a request) with each of {@code values} (a name, a street, a
   * phone number, also written as digits only) hidden, and every e-mail address masked.
   */
  public static String maskValuesIn(String text, String... values) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String value : values) {
      if (value == null || value.strip().length() < 3) {
        continue;
      }
      masked = masked.replace(value.strip(), HIDDEN);
      String digits = value.replaceAll("\\D", "");
      if (digits.length() >= 2 * VISIBLE_DIGITS) {
        masked = masked.replace(digits, HIDDEN);
        // the number without its country code, as a national one
        if (digits.length() > NATIONAL_DIGITS) {
          masked = masked.replace(digits.substring(digits.length() - NATIONAL_DIGITS), HIDDEN);
        }
      }
    }
    return maskEmailsIn(masked);
  }

  /** The first letter of the local part and the domain; null stays null. */
  public static String maskEmail(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    String trimmed = email.strip();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      return HIDDEN;
    }
    return trimmed.charAt(0) + HIDDEN + trimmed.substring(at);
  }

  /** The country code (when the number has one) and the last four digits; null stays null. */
  public static String maskPhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String trimmed = phone.strip();
    String digits = trimmed.replaceAll("\\D", "");
    if (digits.length() < 2 * VISIBLE_DIGITS) {
      return HIDDEN;
    }
    String last = digits.substring(digits.length() - VISIBLE_DIGITS);
    String country = countryCode(trimmed, digits);
    return (country.isEmpty() ? "" : "+" + country + " ") + "*** **** " + last;
  }

  private static String countryCode(String phone, String digits) {
    if (!phone.startsWith("+")) {
      return "";
    }
    String[] groups = phone.substring(1).strip().split("[\\s\\-().]+");
    if (groups.length > 1 && groups[0].length() <= 3) {
      return groups[0];
    }
    int extra = digits.length() - NATIONAL_DIGITS;
    return extra >= 1 && extra <= 3 ? digits.substring(0, extra) : "";
  }
}
