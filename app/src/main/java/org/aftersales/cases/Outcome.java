package org.aftersales.cases;

/** How a case ended, as the customer sees it. End events of the flows name one in their "outcome" property. */
public enum Outcome {
  REFUNDED, RESHIPPED, EXCHANGED, REPAIRED, REJECTED, CANCELLED, EXPIRED, RETURNED_TO_CUSTOMER, UPHELD, DISMISSED
}
