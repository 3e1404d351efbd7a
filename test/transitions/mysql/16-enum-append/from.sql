CREATE TABLE orders (
  id INT NOT NULL,
  status ENUM('new', 'paid') NOT NULL DEFAULT 'new',
  channel ENUM('web', 'shop') NULL,
  PRIMARY KEY (id),
  KEY orders_status (status)
);
