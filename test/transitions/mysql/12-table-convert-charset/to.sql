-- what this covers: a whole table converted latin1 -> utf8mb4 (table default and every string column: VARCHAR, CHAR, ENUM; ALTER TABLE ... CONVERT TO), with non-ASCII rows.

CREATE TABLE customers (
  id INT NOT NULL,
  name VARCHAR(80) NOT NULL,
  country CHAR(2) NOT NULL DEFAULT 'NL',
  tier ENUM('basic', 'gold') NOT NULL DEFAULT 'basic',
  PRIMARY KEY (id),
  KEY customers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
