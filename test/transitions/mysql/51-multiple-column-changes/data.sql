INSERT INTO products (sku, name, price, stock, obsolete_flag, color, notes) VALUES
  ('A-1', 'Anvil', 99.95, 3, 'N', 'red', 'heavy'),
  ('B-2', 'Bucket', 4.50, 120, NULL, NULL, NULL),
  ('C-3', 'Crate', 0.00, 0, 'Y', 'blue', 'stacked');
