CREATE TABLE order_lines (
  id INT NOT NULL,
  qty INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  total DECIMAL(12,2) AS (qty * unit_price) VIRTUAL,
  total_vat DECIMAL(12,2) AS (ROUND(qty * unit_price * 1.21, 2)) STORED,
  label VARCHAR(50) AS (CONCAT('#', id)) VIRTUAL,
  PRIMARY KEY (id),
  KEY order_lines_total_vat (total_vat)
);
