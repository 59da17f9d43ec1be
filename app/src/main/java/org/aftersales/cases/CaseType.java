package org.aftersales.cases;

/** What the customer asks for; each type is handled by one process, named by its key. */
public enum CaseType {
  RETURN("return-request"),
  REFUND_ONLY("return-request"),
  EXCHANGE("return-request"),
  RESHIP("return-request"),
  REPAIR("repair-request"),
  COMPLAINT("complaint");

  private final String processKey;

  CaseType(String processKey) {
    this.processKey = processKey;
  }

  public String processKey() {
    return processKey;
  }
}
