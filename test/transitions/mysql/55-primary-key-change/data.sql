INSERT INTO memberships VALUES (1, 7, 'ada'), (2, 7, 'bob'), (3, 8, 'ada');
