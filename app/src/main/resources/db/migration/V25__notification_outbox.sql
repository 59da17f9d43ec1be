-- The notification outbox (issue 21): a flow step queues its notice in its own transaction (status PENDING, with the
-- rendered body and the address, needed to send it); the relay (NotificationRelay) claims it with a lease
-- (claimed_until) so that one node sends it, marks it SENT and clears the body and the address, keeping only the
-- masked recipient as before. A send that fails is tried again at next_attempt_at, after a growing pause; after the
-- configured attempts it is FAILED (last_error, failed_at) until an operator retries it. Rows of the old reservation
-- (status SENDING) are left as they were. Runs on H2 and MySQL 8 / MariaDB.

ALTER TABLE as_notification ADD COLUMN recipient_address VARCHAR(320) NULL;
ALTER TABLE as_notification ADD COLUMN recipient_name VARCHAR(200) NULL;
ALTER TABLE as_notification ADD COLUMN body TEXT NULL;
ALTER TABLE as_notification ADD COLUMN timeline_code VARCHAR(60) NULL;
ALTER TABLE as_notification ADD COLUMN timeline_text VARCHAR(600) NULL;
ALTER TABLE as_notification ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE as_notification ADD COLUMN next_attempt_at TIMESTAMP(3) NULL;
ALTER TABLE as_notification ADD COLUMN claimed_until TIMESTAMP(3) NULL;
ALTER TABLE as_notification ADD COLUMN last_error VARCHAR(500) NULL;
ALTER TABLE as_notification ADD COLUMN failed_at TIMESTAMP(3) NULL;
CREATE INDEX ix_as_notification_due ON as_notification (status, next_attempt_at);
