CREATE TABLE sales (
  id BIGINT NOT NULL,
  sold_on DATE NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (id, sold_on)
) ENGINE=InnoDB;
