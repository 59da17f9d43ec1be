-- Refunds asked of the payment provider for a case: one row per refund id (the idempotency key sent to
-- the provider), so the same refund is never paid twice and the total never exceeds what was paid.
CREATE TABLE as_refund (
  refund_id            VARCHAR(60)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  amount               DECIMAL(14,2)  NOT NULL,
  currency             CHAR(3)        NOT NULL,
  status               VARCHAR(12)    NOT NULL,
  provider_refund_id   VARCHAR(100),
  failure_reason       VARCHAR(300),
  requested_at         TIMESTAMP(3)   NOT NULL,
  settled_at           TIMESTAMP(3)   NULL,
  CONSTRAINT pk_as_refund PRIMARY KEY (refund_id)
);
-- no foreign key to as_case: a refund is reserved in its own transaction before the provider is called,
-- while the engine's transaction may hold the case row
CREATE INDEX ix_as_refund_case ON as_refund (case_id);

-- Parcels of a case: goods coming back (RETURN) and goods we send (OUTBOUND), keyed by tracking number
CREATE TABLE as_parcel (
  tracking_number      VARCHAR(40)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  booking_id           VARCHAR(100),
  direction            VARCHAR(10)    NOT NULL,
  status               VARCHAR(20)    NOT NULL,
  updated_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_parcel PRIMARY KEY (tracking_number),
  CONSTRAINT fk_as_parcel_case FOREIGN KEY (case_id) REFERENCES as_case (case_id)
);
CREATE INDEX ix_as_parcel_case ON as_parcel (case_id);

-- Events handed in by carriers and payment providers, by their own event id: a repeated event changes nothing
CREATE TABLE as_inbound_event (
  source               VARCHAR(20)    NOT NULL,
  event_id             VARCHAR(100)   NOT NULL,
  subject              VARCHAR(100)   NOT NULL,
  effect               VARCHAR(30)    NOT NULL,
  received_at          TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_inbound_event PRIMARY KEY (source, event_id)
);
