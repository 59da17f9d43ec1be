-- Follow-up visits (回访): one row per answered satisfaction survey, on the web or recorded by an agent on the
-- phone; the five dimensions of the service score (100/90/80/70/60 each), their average and its grade band.
-- A case gets one survey per follow-up visit (survey_id is the visit's process instance). Runs on H2 and
-- MySQL/MariaDB.

CREATE TABLE as_survey (
  survey_id            VARCHAR(64)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  channel              VARCHAR(10)    NOT NULL,
  response_speed       INT            NOT NULL,
  problem_solving      INT            NOT NULL,
  attitude             INT            NOT NULL,
  communication        INT            NOT NULL,
  follow_up            INT            NOT NULL,
  overall              DECIMAL(5,2)   NOT NULL,
  grade                VARCHAR(10)    NOT NULL,
  recovery_needed      BOOLEAN        NOT NULL,
  comment_text         VARCHAR(1000),
  recorded_by          VARCHAR(64),
  answered_at          TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_survey PRIMARY KEY (survey_id)
);
CREATE INDEX ix_as_survey_case ON as_survey (case_id, answered_at);
