package org.aftersales.notification;

/**
 * The keys of {@link CustomerNotification#details()}; {@link NotificationType#requiredDetails()} says which
 * a type needs. The case id and the customer's name are always available to the texts.
 */
public final class NotificationDetails {

  /** A money amount as the customer should read it, such as {@code 129.00}. */
  public static final String AMOUNT = "amount";
  /** ISO 4217 currency code, such as {@code CNY}. */
  public static final String CURRENCY = "currency";
  /** Why something was refused or failed, in the customer's language. */
  public static final String REASON = "reason";
  public static final String TRACKING_NUMBER = "trackingNumber";
  /** Start and end of a pickup or repair appointment. */
  public static final String WINDOW_START = "windowStart";
  public static final String WINDOW_END = "windowEnd";
  /** Where the customer sends the goods. */
  public static final String ADDRESS = "address";
  /** By when the customer must act. */
  public static final String DEADLINE = "deadline";
  /** The outcome of a complaint, in the customer's language. */
  public static final String DECISION = "decision";
  /** Where the customer answers the satisfaction survey. */
  public static final String SURVEY_LINK = "surveyLink";
  public static final String ARTICLE_TITLE = "articleTitle";
  public static final String ARTICLE_BODY = "articleBody";

  private NotificationDetails() {}
}
