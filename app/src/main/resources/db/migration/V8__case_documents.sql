-- Case documents: photos and documents that customers, sellers and agents attach to a case, with their bytes.
-- One row per document; who uploaded it (the API user) and for whom (CUSTOMER, SELLER or AGENT and that
-- party's id). The application checks size, count per case and type (by the content's magic bytes) before
-- it writes a row. LONGBLOB is a binary large object on H2 and holds up to 4 GiB on MySQL 8 / MariaDB (a
-- document must also fit in the server's max_allowed_packet). Runs on H2 and MySQL 8 / MariaDB.

CREATE TABLE as_case_document (
  document_id          VARCHAR(40)    NOT NULL,
  case_id              VARCHAR(40)    NOT NULL,
  file_name            VARCHAR(120)   NOT NULL,
  content_type         VARCHAR(100)   NOT NULL,
  size_bytes           BIGINT         NOT NULL,
  sha256               CHAR(64)       NOT NULL,
  description          VARCHAR(500),
  uploaded_by          VARCHAR(64)    NOT NULL,
  on_behalf_of         VARCHAR(10)    NOT NULL,
  on_behalf_of_id      VARCHAR(64)    NOT NULL,
  uploaded_at          TIMESTAMP(3)   NOT NULL,
  content              LONGBLOB       NOT NULL,
  CONSTRAINT pk_as_case_document PRIMARY KEY (document_id),
  CONSTRAINT fk_as_case_document_case FOREIGN KEY (case_id) REFERENCES as_case (case_id)
);
CREATE INDEX ix_as_case_document_case ON as_case_document (case_id, uploaded_at);
