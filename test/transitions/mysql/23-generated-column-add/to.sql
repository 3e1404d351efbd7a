-- what this covers: generated columns added to a table with rows: a VIRTUAL one in the middle (indexed), a STORED one at the end with a comment; the values are computed for existing rows.

CREATE TABLE order_lines (
  id INT NOT NULL,
  qty INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  total DECIMAL(12,2) AS (qty * unit_price) VIRTUAL,
  email VARCHAR(191) NOT NULL,
  domain VARCHAR(191) AS (SUBSTRING_INDEX(email, '@', -1)) STORED COMMENT 'mail domain',
  PRIMARY KEY (id),
  KEY order_lines_total (total)
);
