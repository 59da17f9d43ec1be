-- After-sales cases: the application's own record of each case, keyed by the case id that is also the
-- business key of the case's process instance. Runs on H2 and MySQL 8 / MariaDB.

CREATE TABLE as_case (
  case_id              VARCHAR(40)    NOT NULL,
  case_type            VARCHAR(20)    NOT NULL,
  status               VARCHAR(10)    NOT NULL,
  stage                VARCHAR(200)   NOT NULL,
  outcome              VARCHAR(20),
  order_id             VARCHAR(64)    NOT NULL,
  customer_id          VARCHAR(64)    NOT NULL,
  seller_id            VARCHAR(64),
  channel              VARCHAR(10)    NOT NULL,
  reason               VARCHAR(30)    NOT NULL,
  description          VARCHAR(2000),
  delivered_at         TIMESTAMP(3)   NULL,
  paid_amount          DECIMAL(14,2)  NOT NULL,
  requested_amount     DECIMAL(14,2)  NOT NULL,
  refunded_amount      DECIMAL(14,2)  NOT NULL,
  currency             CHAR(3)        NOT NULL,
  details_json         TEXT           NOT NULL,
  opened_at            TIMESTAMP(3)   NOT NULL,
  closed_at            TIMESTAMP(3)   NULL,
  due_at               TIMESTAMP(3)   NULL,
  opened_by            VARCHAR(64)    NOT NULL,
  version              INT            NOT NULL,
  CONSTRAINT pk_as_case PRIMARY KEY (case_id)
);
CREATE INDEX ix_as_case_customer ON as_case (customer_id, opened_at);
CREATE INDEX ix_as_case_order ON as_case (order_id);

CREATE TABLE as_case_item (
  case_id              VARCHAR(40)    NOT NULL,
  line_no              INT            NOT NULL,
  sku                  VARCHAR(64)    NOT NULL,
  name                 VARCHAR(200)   NOT NULL,
  quantity             INT            NOT NULL,
  ordered_quantity     INT            NOT NULL,
  unit_price           DECIMAL(14,2)  NOT NULL,
  CONSTRAINT pk_as_case_item PRIMARY KEY (case_id, line_no),
  CONSTRAINT fk_as_case_item_case FOREIGN KEY (case_id) REFERENCES as_case (case_id)
);

-- The customer-readable timeline of a case
CREATE TABLE as_case_event (
  event_id             BIGINT         NOT NULL AUTO_INCREMENT,
  case_id              VARCHAR(40)    NOT NULL,
  occurred_at          TIMESTAMP(3)   NOT NULL,
  code                 VARCHAR(60)    NOT NULL,
  text                 VARCHAR(500)   NOT NULL,
  actor                VARCHAR(64),
  CONSTRAINT pk_as_case_event PRIMARY KEY (event_id),
  CONSTRAINT fk_as_case_event_case FOREIGN KEY (case_id) REFERENCES as_case (case_id)
);
CREATE INDEX ix_as_case_event_case ON as_case_event (case_id, event_id);

-- Answers to POSTs sent with an Idempotency-Key, replayed for the same key and body
CREATE TABLE as_idempotency (
  scope                VARCHAR(200)   NOT NULL,
  idempotency_key      VARCHAR(200)   NOT NULL,
  request_hash         CHAR(64)       NOT NULL,
  response_status      INT            NOT NULL,
  response_location    VARCHAR(300),
  response_body        TEXT,
  created_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_idempotency PRIMARY KEY (scope, idempotency_key)
);
