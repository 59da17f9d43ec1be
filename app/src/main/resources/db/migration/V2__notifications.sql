-- Customer notifications: one row per notification id, so that each is sent once. A row is written with
-- status SENDING (reserved_at) before the mail goes out, becomes SENT (sent_at) after it, and is deleted
-- if the mail server fails, so that a retry may send it. Runs on H2 and MySQL 8 / MariaDB.

CREATE TABLE as_notification (
  notification_id      VARCHAR(200)   NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  type                 VARCHAR(40)    NOT NULL,
  channel              VARCHAR(10)    NOT NULL,
  recipient_masked     VARCHAR(320),
  subject              VARCHAR(500)   NOT NULL,
  status               VARCHAR(10)    NOT NULL,
  reserved_at          TIMESTAMP(3)   NOT NULL,
  sent_at              TIMESTAMP(3)   NULL,
  CONSTRAINT pk_as_notification PRIMARY KEY (notification_id)
);
CREATE INDEX ix_as_notification_case ON as_notification (case_id);
