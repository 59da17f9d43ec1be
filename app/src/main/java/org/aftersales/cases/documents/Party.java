package org.aftersales.cases.documents;

import java.util.Locale;

/** On whose behalf a document was added: the customer, the seller, or our own staff. */
public enum Party {
  CUSTOMER, SELLER, AGENT;

  /** The party in a sentence ("by customer"). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
