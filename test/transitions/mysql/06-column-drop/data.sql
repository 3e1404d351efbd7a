INSERT INTO people VALUES (1, 'Ada', 'AL-0001', 'ada@example.com', 'first'), (2, 'Grace', NULL, 'grace@example.com', NULL);
