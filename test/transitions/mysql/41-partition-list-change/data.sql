INSERT INTO shipments VALUES (1, 1), (2, 4), (3, 10), (4, 20), (5, 3);
