-- what this covers: string widening with indexed columns: VARCHAR(10) -> VARCHAR(40) (unique), VARCHAR(50) -> VARCHAR(200) (indexed), CHAR(5) -> VARCHAR(12), with rows at the old maximum length.

CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT,
  code VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  label VARCHAR(12) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY products_code (code),
  KEY products_name (name)
);
