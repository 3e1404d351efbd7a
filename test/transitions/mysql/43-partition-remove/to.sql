-- what this covers: partitioning removed from a RANGE COLUMNS table with rows (REMOVE PARTITIONING).

CREATE TABLE metrics (
  id INT NOT NULL,
  taken_on DATE NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (id, taken_on)
) ENGINE=InnoDB;
