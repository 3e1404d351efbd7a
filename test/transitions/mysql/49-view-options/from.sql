CREATE TABLE customers (
  id INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  country CHAR(2) NOT NULL,
  PRIMARY KEY (id)
);

CREATE VIEW dutch_customers AS
  SELECT id, name, country FROM customers WHERE country = 'NL';

CREATE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW customer_countries AS
  SELECT DISTINCT country FROM customers;

CREATE ALGORITHM=MERGE VIEW named_customers AS
  SELECT id, name FROM customers WHERE name <> ''
  WITH CASCADED CHECK OPTION;
