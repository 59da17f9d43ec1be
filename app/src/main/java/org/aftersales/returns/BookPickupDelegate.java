package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.logistics.CarrierBooking;
import org.aftersales.logistics.CarrierClient;
import org.aftersales.logistics.CarrierRejectedException;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.PickupRequest;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_BookPickup}: books a door-to-door pickup of the returned goods to the warehouse. The booking
 * reference is derived from the case, so a retried job books nothing twice. A carrier that cannot collect
 * at the address ends in {@code Err_PickupNotPossible}: the customer ships the goods instead.
 */
@Component
public class BookPickupDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final CarrierClient carrier;
  private final ParcelRegistry parcels;
  private final Addresses addresses;
  private final CaseCosts costs;

  public BookPickupDelegate(CaseRepository cases, CarrierClient carrier, ParcelRegistry parcels, Addresses addresses,
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
    CarrierBooking booking;
    try {
      booking = carrier.bookPickup(new PickupRequest(c.caseId() + "-PICKUP", c.caseId(), addresses.customer(c),
          addresses.warehouse(), 1));
    } catch (CarrierRejectedException e) {
      throw new BpmnError(ReturnProcess.Error.PICKUP_NOT_POSSIBLE, e.getMessage());
    }
    // the window stays with the parcel (as_parcel), where the pickup-booked mail reads it: no process variables
    parcels.register(booking.trackingNumber(), c.caseId(), booking.bookingId(), ParcelRegistry.Direction.RETURN,
        booking.status(), booking.windowStart(), booking.windowEnd());
    execution.setVariable(Var.TRACKING_NUMBER, booking.trackingNumber());
    costs.record(c.caseId(), CaseCosts.Category.LOGISTICS, "Carrier booking " + booking.bookingId(),
        addresses.shipmentCost(), c.currency(), CaseCosts.BorneBy.US);
  }
}
