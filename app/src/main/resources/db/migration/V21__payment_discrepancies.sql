-- Where a payment callback, or our ledger, disagreed with the payment provider's own record (README, "Payments that
-- move once"): what was reported, what the provider said, and when. Finance sees them through
-- /api/finance/reconciliation and a task for group finance in Tasklist.
CREATE TABLE as_payment_discrepancy (
  discrepancy_id       VARCHAR(40)    NOT NULL,
  kind                 VARCHAR(30)    NOT NULL,
  payment_id           VARCHAR(60)    NOT NULL,
  case_id              VARCHAR(40),
  reported_status      VARCHAR(12),
  provider_status      VARCHAR(12),
  detail               VARCHAR(500)   NOT NULL,
  detected_at          TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_payment_discrepancy PRIMARY KEY (discrepancy_id)
);
CREATE INDEX ix_as_payment_discrepancy_payment ON as_payment_discrepancy (payment_id);
