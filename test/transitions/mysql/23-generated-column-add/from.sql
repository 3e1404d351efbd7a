CREATE TABLE order_lines (
  id INT NOT NULL,
  qty INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  email VARCHAR(191) NOT NULL,
  PRIMARY KEY (id)
);
