-- what this covers: generated column expressions changed (VIRTUAL, and STORED with an index), and a VIRTUAL column made STORED (MariaDB refuses that in MODIFY: ERROR 1907, so drop and re-add in place); existing rows get the new values.

CREATE TABLE order_lines (
  id INT NOT NULL,
  qty INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  total DECIMAL(12,2) AS (qty * unit_price - 1) VIRTUAL,
  total_vat DECIMAL(12,2) AS (ROUND(qty * unit_price * 1.09, 2)) STORED,
  label VARCHAR(50) AS (CONCAT('#', id)) STORED,
  PRIMARY KEY (id),
  KEY order_lines_total_vat (total_vat)
);
