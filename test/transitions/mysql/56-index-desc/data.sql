INSERT INTO posts VALUES (1, 'ada', '2024-01-01 00:00:00', 5), (2, 'ada', '2024-02-01 00:00:00', 1);
