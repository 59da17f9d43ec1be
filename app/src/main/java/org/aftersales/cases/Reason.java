package org.aftersales.cases;

/** Why the customer asks. */
public enum Reason {
  NO_REASON, QUALITY, NOT_AS_DESCRIBED, DAMAGED, WRONG_ITEM, LOST, NOT_RECEIVED, FAULT, SERVICE
}
