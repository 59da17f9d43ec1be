-- Payments collected from customers through the payment provider (paid repairs): one row per charge id,
-- the idempotency key sent to the provider, so a customer is never charged twice.
CREATE TABLE as_charge (
  charge_id            VARCHAR(60)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  amount               DECIMAL(14,2)  NOT NULL,
  currency             CHAR(3)        NOT NULL,
  status               VARCHAR(12)    NOT NULL,
  provider_charge_id   VARCHAR(100),
  failure_reason       VARCHAR(300),
  requested_at         TIMESTAMP(3)   NOT NULL,
  settled_at           TIMESTAMP(3)   NULL,
  CONSTRAINT pk_as_charge PRIMARY KEY (charge_id)
);
CREATE INDEX ix_as_charge_case ON as_charge (case_id);
