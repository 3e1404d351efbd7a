CREATE TABLE customers (
  id INT NOT NULL,
  name VARCHAR(80) NOT NULL,
  country CHAR(2) NOT NULL DEFAULT 'NL',
  tier ENUM('basic', 'gold') NOT NULL DEFAULT 'basic',
  PRIMARY KEY (id),
  KEY customers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;
