-- what this covers: ENUM values appended at the end (NOT NULL with default, indexed; and a nullable ENUM), with rows.

CREATE TABLE orders (
  id INT NOT NULL,
  status ENUM('new', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'new',
  channel ENUM('web', 'shop', 'phone') NULL,
  PRIMARY KEY (id),
  KEY orders_status (status)
);
