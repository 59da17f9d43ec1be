package org.aftersales.notification;

import static org.aftersales.notification.NotificationDetails.ADDRESS;
import static org.aftersales.notification.NotificationDetails.AMOUNT;
import static org.aftersales.notification.NotificationDetails.ARTICLE_BODY;
import static org.aftersales.notification.NotificationDetails.ARTICLE_TITLE;
import static org.aftersales.notification.NotificationDetails.CURRENCY;
import static org.aftersales.notification.NotificationDetails.DEADLINE;
import static org.aftersales.notification.NotificationDetails.DECISION;
import static org.aftersales.notification.NotificationDetails.REASON;
import static org.aftersales.notification.NotificationDetails.SURVEY_LINK;
import static org.aftersales.notification.NotificationDetails.TRACKING_NUMBER;
import static org.aftersales.notification.NotificationDetails.WINDOW_END;
import static org.aftersales.notification.NotificationDetails.WINDOW_START;

import java.util.List;
import java.util.Map;

/** What a notification tells the customer, with the details its text needs. */
public enum NotificationType {
  CASE_OPENED,
  REQUEST_APPROVED,
  REQUEST_REJECTED(REASON),
  SHIP_BACK_INSTRUCTIONS(ADDRESS, DEADLINE),
  PICKUP_BOOKED(TRACKING_NUMBER, WINDOW_START, WINDOW_END),
  RETURN_EXPIRED,
  GOODS_RECEIVED,
  INSPECTION_FAILED(REASON),
  PARTIAL_REFUND_PROPOSED(AMOUNT, CURRENCY, DEADLINE),
  REFUND_PAID(AMOUNT, CURRENCY),
  REFUND_DELAYED,
  REPLACEMENT_SHIPPED(TRACKING_NUMBER),
  GOODS_SENT_BACK(TRACKING_NUMBER),
  CASE_CANCELLED,
  CASE_CLOSED,
  REPAIR_QUOTE(AMOUNT, CURRENCY),
  REPAIR_SLOT_BOOKED(WINDOW_START, WINDOW_END),
  REPAIR_COMPLETED,
  EVIDENCE_REQUESTED(DEADLINE),
  SELF_REPAIR_INSTRUCTIONS(ARTICLE_TITLE, ARTICLE_BODY, DEADLINE),
  REPAIR_REMEDY_OFFERED(DEADLINE),
  COMPLAINT_RECEIVED,
  COMPLAINT_DECIDED(DECISION),
  /** To the seller: a customer complained; answer with a statement and evidence by the deadline. */
  SELLER_STATEMENT_REQUESTED(DEADLINE, REASON),
  /** To the seller: the platform's decision on a complaint, with any penalty. */
  SELLER_COMPLAINT_DECIDED(DECISION),
  /** To a supervisor: a complaint is close to its resolution limit. */
  SUPERVISOR_WARNING(DEADLINE),
  SURVEY_INVITATION(SURVEY_LINK);

  private final List<String> requiredDetails;

  NotificationType(String... requiredDetails) {
    this.requiredDetails = List.of(requiredDetails);
  }

  /** The {@link NotificationDetails} keys this type's text needs. */
  public List<String> requiredDetails() {
    return requiredDetails;
  }

  /** Fails with the name of the first required detail that is missing or blank. */
  public void checkDetails(Map<String, String> details) {
    for (String key : requiredDetails) {
      String value = details.get(key);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name() + " notification needs detail '" + key + "'");
      }
    }
  }
}
