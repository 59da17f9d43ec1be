-- Complaints against sellers: one row per complaint case (severity, limits, the seller's statement, the
-- decision and the appeal), and the seller penalty record, queried per seller. Runs on H2 and MySQL/MariaDB.

CREATE TABLE as_complaint (
  case_id              VARCHAR(40)    NOT NULL,
  category             VARCHAR(30)    NOT NULL,
  seller_id            VARCHAR(64)    NOT NULL,
  customer_id          VARCHAR(64)    NOT NULL,
  order_id             VARCHAR(64)    NOT NULL,
  linked_case_id       VARCHAR(40),
  chat_record          TEXT,
  seller_email         VARCHAR(200),
  second_complaint     BOOLEAN        NOT NULL,
  earlier_case_id      VARCHAR(40),
  complained_before    BOOLEAN        NOT NULL,
  priority             VARCHAR(10),
  first_response_due   TIMESTAMP(3)   NULL,
  resolution_due       TIMESTAMP(3)   NULL,
  compensation_cap     DECIMAL(14,2),
  seller_statement_due TIMESTAMP(3)   NULL,
  seller_statement     VARCHAR(4000),
  seller_evidence      TEXT,
  seller_answered_at   TIMESTAMP(3)   NULL,
  warned_at            TIMESTAMP(3)   NULL,
  escalated_at         TIMESTAMP(3)   NULL,
  decision             VARCHAR(10),
  decision_reasons     VARCHAR(4000),
  decided_by           VARCHAR(64),
  decided_at           TIMESTAMP(3)   NULL,
  appeal_due           TIMESTAMP(3)   NULL,
  appeal_reason        VARCHAR(2000),
  appealed_at          TIMESTAMP(3)   NULL,
  appeal_decision      VARCHAR(10),
  appeal_reasons       VARCHAR(4000),
  appeal_decided_by    VARCHAR(64),
  appeal_decided_at    TIMESTAMP(3)   NULL,
  opened_at            TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_complaint PRIMARY KEY (case_id)
);
CREATE INDEX ix_as_complaint_customer ON as_complaint (customer_id, opened_at);
CREATE INDEX ix_as_complaint_seller ON as_complaint (seller_id, opened_at);

CREATE TABLE as_seller_penalty (
  penalty_id           VARCHAR(60)    NOT NULL,
  seller_id            VARCHAR(64)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  kind                 VARCHAR(10)    NOT NULL,
  points               INT            NOT NULL,
  fine                 DECIMAL(14,2),
  currency             CHAR(3),
  reason               VARCHAR(4000)  NOT NULL,
  imposed_by           VARCHAR(64),
  imposed_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_seller_penalty PRIMARY KEY (penalty_id)
);
CREATE INDEX ix_as_seller_penalty_seller ON as_seller_penalty (seller_id, imposed_at);
