INSERT INTO people VALUES (1, 'Lovelace', 'Ada', 'ada@example.com', '1815-12-10'), (2, 'Hopper', 'Grace', NULL, '1906-12-09');
