INSERT INTO departments VALUES (1, 'ENG'), (2, 'OPS');
INSERT INTO employees VALUES (1, 1, 'ENG'), (2, 2, 'OPS'), (3, NULL, NULL);
