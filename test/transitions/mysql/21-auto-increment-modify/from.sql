CREATE TABLE invoices (
  id INT NOT NULL,
  number VARCHAR(20) NOT NULL,
  PRIMARY KEY (id)
);
