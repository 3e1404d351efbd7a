INSERT INTO orders VALUES (1, 'new', 'web'), (2, 'paid', NULL), (3, 'paid', 'shop');
