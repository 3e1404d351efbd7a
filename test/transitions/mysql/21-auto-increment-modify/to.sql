-- what this covers: an existing integer primary-key column gains AUTO_INCREMENT (the counter continues after the highest id), with rows.

CREATE TABLE invoices (
  id INT NOT NULL AUTO_INCREMENT,
  number VARCHAR(20) NOT NULL,
  PRIMARY KEY (id)
);
