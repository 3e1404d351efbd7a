-- what this covers: many changes to one table with rows, planned as one ALTER TABLE: widen VARCHAR and DECIMAL, SMALLINT -> INT NOT NULL, drop a column, add columns (middle and end), ENUM value appended, default and column comment changed, index added and changed, table comment changed.

CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT,
  sku VARCHAR(40) NOT NULL,
  brand VARCHAR(50) NOT NULL DEFAULT 'generic',
  name VARCHAR(150) NOT NULL,
  price DECIMAL(12,2) NOT NULL DEFAULT 1.00,
  stock INT NOT NULL DEFAULT 0,
  color ENUM('red', 'blue', 'green') NULL,
  notes VARCHAR(100) NULL COMMENT 'shown to staff only',
  created_at DATETIME NOT NULL DEFAULT '2024-01-01 00:00:00',
  PRIMARY KEY (id),
  UNIQUE KEY products_sku (sku),
  KEY products_name (name, brand)
) COMMENT='product catalogue';
