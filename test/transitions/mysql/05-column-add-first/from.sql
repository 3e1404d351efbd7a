CREATE TABLE readings (
  sensor VARCHAR(20) NOT NULL,
  taken_at DATETIME NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (sensor, taken_at)
);
