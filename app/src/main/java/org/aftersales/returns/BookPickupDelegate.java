package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

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

  public BookPickupDelegate(CaseRepository cases, CarrierClient carrier, ParcelRegistry parcels, Addresses addresses) {
    this.cases = cases;
    this.carrier = carrier;
    this.parcels = parcels;
    this.addresses = addresses;
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
    parcels.register(booking.trackingNumber(), c.caseId(), booking.bookingId(), ParcelRegistry.Direction.RETURN,
        booking.status());
    execution.setVariable(Var.TRACKING_NUMBER, booking.trackingNumber());
    execution.setVariable(Var.PICKUP_WINDOW_START, String.valueOf(booking.windowStart()));
    execution.setVariable(Var.PICKUP_WINDOW_END, String.valueOf(booking.windowEnd()));
  }
}
