-- Which carrier a parcel was booked with, and which payment provider a refund or charge was asked of (README,
-- "Outside parties"): a carrier's or provider's callback acts on its own parcels, refunds and charges only. Rows
-- from before this column (NULL) belong to the configured carrier / provider (aftersales.carrier.party,
-- aftersales.payment.party).
ALTER TABLE as_parcel ADD COLUMN carrier_party VARCHAR(64) NULL;
ALTER TABLE as_refund ADD COLUMN provider_party VARCHAR(64) NULL;
ALTER TABLE as_charge ADD COLUMN provider_party VARCHAR(64) NULL;
