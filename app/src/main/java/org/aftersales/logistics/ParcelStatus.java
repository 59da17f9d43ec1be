package org.aftersales.logistics;

/** Where a parcel stands with the carrier. DELIVERED, LOST and RETURNED_TO_SENDER are final. */
public enum ParcelStatus { BOOKED, PICKED_UP, IN_TRANSIT, DELIVERED, LOST, RETURNED_TO_SENDER }
