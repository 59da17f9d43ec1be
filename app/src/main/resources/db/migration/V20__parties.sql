-- Outside parties (README, "Outside parties"): each shop, carrier, payment provider and seller, the Camunda user it
-- logs in as, and (sellers) where its notices go. Managed by administrators through /api/admin/parties.
CREATE TABLE as_party (
  party_id             VARCHAR(64)    NOT NULL,
  kind                 VARCHAR(20)    NOT NULL,
  user_id              VARCHAR(64)    NOT NULL,
  name                 VARCHAR(200)   NOT NULL,
  email                VARCHAR(254),
  created_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_party PRIMARY KEY (party_id),
  CONSTRAINT uq_as_party_user UNIQUE (user_id)
);

-- The secrets a carrier or payment provider signs its callbacks with: the two newest of a party are valid, so a
-- secret is rotated by adding a new one (both work until the party has switched) and then another, or by retiring
CREATE TABLE as_party_secret (
  party_id             VARCHAR(64)    NOT NULL,
  version              INT            NOT NULL,
  secret               VARCHAR(200)   NOT NULL,
  created_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_party_secret PRIMARY KEY (party_id, version),
  CONSTRAINT fk_as_party_secret_party FOREIGN KEY (party_id) REFERENCES as_party (party_id)
);
