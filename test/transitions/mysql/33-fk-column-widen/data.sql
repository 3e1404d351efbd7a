INSERT INTO accounts VALUES (1, NULL, 'root'), (2, 1, 'child'), (2147483647, 2, 'grandchild');
INSERT INTO entries VALUES (1, 1, 100), (2, 2147483647, -5), (3, 2, 7);
