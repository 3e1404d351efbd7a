CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT,
  code VARCHAR(10) NOT NULL,
  name VARCHAR(50) NOT NULL,
  label CHAR(5) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY products_code (code),
  KEY products_name (name)
);
