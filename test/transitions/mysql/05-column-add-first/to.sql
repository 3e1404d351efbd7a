-- what this covers: a column added as the first column (ADD ... FIRST), NOT NULL with a default, with rows.

CREATE TABLE readings (
  tenant_id INT UNSIGNED NOT NULL DEFAULT 1,
  sensor VARCHAR(20) NOT NULL,
  taken_at DATETIME NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (sensor, taken_at)
);
