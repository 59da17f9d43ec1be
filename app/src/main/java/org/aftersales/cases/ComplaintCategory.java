package org.aftersales.cases;

/** What a customer complains about; the rule table {@code complaint-severity} sets priority and limits by it. */
public enum ComplaintCategory {
  SERVICE_ATTITUDE, REFUSED_AFTER_SALES, COUNTERFEIT, SAFETY, FRAUD, LOGISTICS
}
