INSERT INTO items VALUES (1, 1, 999.99, 0, 0), (2, 5, 0, 100, 1);
