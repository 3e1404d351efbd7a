-- what this covers: CHECK constraints: a table-level one added, one changed (same name), one dropped; a column-level one changed; rows satisfy all of them.

CREATE TABLE items (
  id INT NOT NULL,
  qty INT NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  discount INT NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 100),
  legacy_flag TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT items_price_range CHECK (price >= 0 AND price < 10000),
  CONSTRAINT items_qty_positive CHECK (qty > 0)
);
