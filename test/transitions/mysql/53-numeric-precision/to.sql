-- what this covers: numeric and temporal precision widened: DECIMAL(10,2) -> DECIMAL(14,4), FLOAT -> DOUBLE, DATETIME -> DATETIME(3), BIT(4) -> BIT(8); stored values survive.

CREATE TABLE measurements (
  id INT NOT NULL,
  amount DECIMAL(14,4) NOT NULL,
  ratio DOUBLE NOT NULL,
  precise DATETIME(3) NOT NULL,
  flags BIT(8) NOT NULL DEFAULT b'00000000',
  PRIMARY KEY (id)
);
