package org.aftersales.returns;

import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.OpenCaseRequest;
import org.aftersales.logistics.Address;
import org.aftersales.logistics.CarrierProperties;
import org.springframework.stereotype.Component;

/** The addresses a return moves between: the customer's, from the case, and the returns warehouse. */
@Component
public class Addresses {

  private final CarrierProperties carrier;

  public Addresses(CarrierProperties carrier) {
    this.carrier = carrier;
  }

  public Address customer(CaseRecord c) {
    OpenCaseRequest.Contact contact = c.details().contact();
    if (contact == null || contact.address() == null) {
      throw new IllegalStateException("Case " + c.caseId() + " has no customer address");
    }
    OpenCaseRequest.Address a = contact.address();
    return new Address(contact.name(), contact.phone(), a.line1(), a.city(), a.postalCode(), a.country());
  }

  public Address warehouse() {
    return carrier.warehouse().address();
  }

  /** What one carrier booking costs us. */
  public java.math.BigDecimal shipmentCost() {
    return carrier.shipmentCost();
  }

  public String warehouseText() {
    Address w = warehouse();
    return w.name() + ", " + w.line1() + ", " + w.postalCode() + " " + w.city() + ", " + w.country() + " (" + w.phone() + ")";
  }
}
