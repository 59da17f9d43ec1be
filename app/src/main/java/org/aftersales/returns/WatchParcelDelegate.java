package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import org.aftersales.logistics.CarrierClient;
import org.aftersales.logistics.CarrierRejectedException;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ParcelStatus;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WatchParcel}: asks the carrier for updates on the parcel the customer shipped back. A tracking
 * number the carrier does not know ends in {@code Err_TrackingNumberUnknown}: the customer is asked again.
 */
@Component
public class WatchParcelDelegate implements JavaDelegate {

  private final CarrierClient carrier;
  private final ParcelRegistry parcels;

  public WatchParcelDelegate(CarrierClient carrier, ParcelRegistry parcels) {
    this.carrier = carrier;
    this.parcels = parcels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = execution.getProcessBusinessKey();
    String trackingNumber = (String) execution.getVariable(Var.TRACKING_NUMBER);
    ParcelStatus status;
    try {
      status = carrier.watchParcel(trackingNumber, caseId);
    } catch (CarrierRejectedException e) {
      throw new BpmnError(ReturnProcess.Error.TRACKING_NUMBER_UNKNOWN, e.getMessage());
    }
    // the delivery itself must still come as an event, which the process waits for
    ParcelStatus recorded = status == ParcelStatus.DELIVERED || status == ParcelStatus.LOST ? ParcelStatus.IN_TRANSIT : status;
    parcels.register(trackingNumber, caseId, null, ParcelRegistry.Direction.RETURN, recorded);
  }
}
