-- Repairs: genuine spare parts, the knowledge base of self-repair articles, appointments at the service
-- point, and what each case costs (parts, labour, logistics, fees), charged to the customer or borne by us.

CREATE TABLE as_part (
  part_no              VARCHAR(40)    NOT NULL,
  name                 VARCHAR(200)   NOT NULL,
  product_category     VARCHAR(40)    NOT NULL,
  unit_cost            DECIMAL(14,2)  NOT NULL,
  currency             CHAR(3)        NOT NULL,
  serial_pattern       VARCHAR(100)   NOT NULL,
  CONSTRAINT pk_as_part PRIMARY KEY (part_no)
);
INSERT INTO as_part VALUES ('BAT-PX-01', 'Phone X battery 4500 mAh', 'PHONE', 189.00, 'CNY', '[A-Z0-9]{10,20}');
INSERT INTO as_part VALUES ('SCR-PX-01', 'Phone X display assembly', 'PHONE', 620.00, 'CNY', '[A-Z0-9]{10,20}');
INSERT INTO as_part VALUES ('PCB-PX-01', 'Phone X main board', 'PHONE', 980.00, 'CNY', '[A-Z0-9]{10,20}');
INSERT INTO as_part VALUES ('MOT-FAN-40', 'Fan motor 40 W', 'APPLIANCE', 85.00, 'CNY', 'LOT-[0-9]{6}');
INSERT INTO as_part VALUES ('BRG-FAN-08', 'Fan bearing 8 mm', 'APPLIANCE', 12.50, 'CNY', 'LOT-[0-9]{6}');

CREATE TABLE as_kb_article (
  article_key          VARCHAR(60)    NOT NULL,
  title                VARCHAR(200)   NOT NULL,
  body                 VARCHAR(4000)  NOT NULL,
  updated_by           VARCHAR(64)    NOT NULL,
  updated_at           TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_kb_article PRIMARY KEY (article_key)
);
INSERT INTO as_kb_article VALUES ('power-reset', 'If your device does not turn on',
  '1. Charge it for 30 minutes with the original charger. 2. Hold the power and volume-down buttons for 15 seconds until the logo appears. 3. If nothing happens, try another socket and cable.',
  'system', CURRENT_TIMESTAMP);
INSERT INTO as_kb_article VALUES ('network-reset', 'If Wi-Fi or Bluetooth does not connect',
  '1. Turn flight mode on and off. 2. Forget the network and join it again. 3. Reset the network settings (Settings, System, Reset, Network).',
  'system', CURRENT_TIMESTAMP);
INSERT INTO as_kb_article VALUES ('fan-cleaning', 'If your fan is noisy',
  '1. Unplug it. 2. Remove the front grille and wipe dust off the blades. 3. Tighten the blade nut and check that all four feet stand level.',
  'system', CURRENT_TIMESTAMP);

CREATE TABLE as_repair_appointment (
  case_id              VARCHAR(40)    NOT NULL,
  slot_start           TIMESTAMP(3)   NOT NULL,
  booked_at            TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_repair_appointment PRIMARY KEY (case_id)
);
CREATE INDEX ix_as_repair_appointment_slot ON as_repair_appointment (slot_start);

CREATE TABLE as_case_cost (
  cost_id              BIGINT         NOT NULL AUTO_INCREMENT,
  case_id              VARCHAR(40)    NOT NULL,
  category             VARCHAR(20)    NOT NULL,
  description          VARCHAR(300)   NOT NULL,
  amount               DECIMAL(14,2)  NOT NULL,
  currency             CHAR(3)        NOT NULL,
  borne_by             VARCHAR(10)    NOT NULL,
  recorded_at          TIMESTAMP(3)   NOT NULL,
  CONSTRAINT pk_as_case_cost PRIMARY KEY (cost_id)
);
CREATE INDEX ix_as_case_cost_case ON as_case_cost (case_id);
