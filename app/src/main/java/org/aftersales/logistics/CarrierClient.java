package org.aftersales.logistics;

/** The port to the carrier: pickups of returns, outbound shipments, and parcel tracking. */
public interface CarrierClient {

  /** Books a door-to-door pickup, idempotent by {@code request.reference()}. */
  CarrierBooking bookPickup(PickupRequest request);

  /** Books an outbound shipment, idempotent by {@code request.reference()}. */
  CarrierBooking bookShipment(ShipmentRequest request);

  /**
   * Subscribes to updates of a parcel the customer shipped themselves and returns its status.
   *
   * @throws CarrierRejectedException the carrier does not know the tracking number
   */
  ParcelStatus watchParcel(String trackingNumber, String caseId);
}
