package org.aftersales.logistics;

import java.util.List;

/** An outbound shipment to a customer; {@code reference} is the idempotency key. */
public record ShipmentRequest(String reference, String caseId, Address to, List<Line> lines) {

  /** What the parcel holds. */
  public record Line(String sku, String name, int quantity) {}
}
