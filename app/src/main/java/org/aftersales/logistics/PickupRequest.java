package org.aftersales.logistics;

/** A door-to-door pickup; {@code reference} is the idempotency key: one booking per reference. */
public record PickupRequest(String reference, String caseId, Address from, Address to, int parcels) {}
