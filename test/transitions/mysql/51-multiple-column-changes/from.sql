CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT,
  sku VARCHAR(20) NOT NULL,
  name VARCHAR(50) NOT NULL,
  price DECIMAL(8,2) NOT NULL DEFAULT 0.00,
  stock SMALLINT NULL,
  obsolete_flag CHAR(1) NULL,
  color ENUM('red', 'blue') NULL,
  notes VARCHAR(100) NULL COMMENT 'free text',
  PRIMARY KEY (id),
  KEY products_name (name)
) COMMENT='catalogue';
