-- what this covers: view definitions changed (different filter, a column added, an aggregate added) with an unchanged view depending on nothing else; rows survive.

CREATE TABLE orders (
  id INT NOT NULL,
  customer VARCHAR(50) NOT NULL,
  total DECIMAL(10,2) NOT NULL,
  status ENUM('open', 'paid', 'void') NOT NULL DEFAULT 'open',
  PRIMARY KEY (id)
);

CREATE VIEW paid_orders AS
  SELECT id, customer, total, status FROM orders WHERE status IN ('paid', 'open');

CREATE VIEW customer_totals AS
  SELECT customer, SUM(total) AS total, COUNT(*) AS orders FROM orders WHERE status <> 'void' GROUP BY customer;
