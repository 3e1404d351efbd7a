INSERT INTO accounts VALUES (1, 'a@example.com', 'AAAAAA', 1, 'ada'), (2, 'b@example.com', 'BBBBBB', 1, 'bob'), (3, 'c@example.com', 'CCCCCC', 2, 'ada');
