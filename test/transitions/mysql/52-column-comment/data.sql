INSERT INTO tasks VALUES (1, 'write tests', '2024-06-01', 'ada');
