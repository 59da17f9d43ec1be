-- The pickup window the carrier gave when it booked a pickup (issue 21): kept with the parcel, as the carrier wrote it
-- (ISO-8601 with its offset), instead of two process variables per case. The pickup-booked mail reads it here.
ALTER TABLE as_parcel ADD COLUMN window_start VARCHAR(40);
ALTER TABLE as_parcel ADD COLUMN window_end VARCHAR(40);
