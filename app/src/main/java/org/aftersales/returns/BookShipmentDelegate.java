package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.logistics.CarrierBooking;
import org.aftersales.logistics.CarrierClient;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ShipmentRequest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_BookReplacement} and {@code Task_BookSendBack}: books a shipment of the case's items to the
 * customer, a replacement or their own goods back ({@code shipmentPurpose}); idempotent by a reference
 * derived from the case and purpose.
 */
@Component
public class BookShipmentDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final CarrierClient carrier;
  private final ParcelRegistry parcels;
  private final Addresses addresses;
  private final CaseCosts costs;

  public BookShipmentDelegate(CaseRepository cases, CarrierClient carrier, ParcelRegistry parcels, Addresses addresses,
      CaseCosts costs) {
    this.cases = cases;
    this.carrier = carrier;
    this.parcels = parcels;
    this.addresses = addresses;
    this.costs = costs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    String purpose = (String) execution.getVariableLocal(Var.SHIPMENT_PURPOSE);
    CarrierBooking booking = carrier.bookShipment(new ShipmentRequest(c.caseId() + "-" + purpose, c.caseId(),
        addresses.customer(c), c.items().stream()
            .map(i -> new ShipmentRequest.Line(i.sku(), i.name(), i.quantity())).toList()));
    parcels.register(booking.trackingNumber(), c.caseId(), booking.bookingId(), ParcelRegistry.Direction.OUTBOUND,
        booking.status());
    execution.setVariable(Var.OUTBOUND_TRACKING_NUMBER, booking.trackingNumber());
    costs.record(c.caseId(), CaseCosts.Category.LOGISTICS, "Carrier booking " + booking.bookingId(),
        addresses.shipmentCost(), c.currency(), CaseCosts.BorneBy.US);
  }
}
