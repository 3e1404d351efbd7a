CREATE TABLE items (
  id INT NOT NULL,
  qty INT NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  discount INT NOT NULL DEFAULT 0 CHECK (discount >= 0),
  legacy_flag TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT items_price_range CHECK (price < 1000),
  CONSTRAINT items_legacy CHECK (legacy_flag IN (0, 1))
);
