CREATE TABLE orders (
  id INT NOT NULL,
  customer VARCHAR(50) NOT NULL,
  total DECIMAL(10,2) NOT NULL,
  status ENUM('open', 'paid', 'void') NOT NULL DEFAULT 'open',
  PRIMARY KEY (id)
);

CREATE VIEW paid_orders AS
  SELECT id, customer, total FROM orders WHERE status = 'paid';

CREATE VIEW customer_totals AS
  SELECT customer, SUM(total) AS total FROM orders GROUP BY customer;
