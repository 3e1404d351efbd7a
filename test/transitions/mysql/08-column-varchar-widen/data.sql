INSERT INTO products (code, name, label) VALUES
  ('ABCDEFGHIJ', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'abcde'),
  ('K1', 'Käsekuchen', 'ab'),
  ('K2', 'short', NULL);
