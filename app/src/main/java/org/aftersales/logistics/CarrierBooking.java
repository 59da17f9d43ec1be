package org.aftersales.logistics;

import java.time.OffsetDateTime;

/** A booked pickup or shipment; the window is the pickup window or the expected delivery. */
public record CarrierBooking(String bookingId, String trackingNumber, ParcelStatus status, OffsetDateTime windowStart,
    OffsetDateTime windowEnd) {}
