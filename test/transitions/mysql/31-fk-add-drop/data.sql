INSERT INTO teams VALUES (1, 'Reds'), (2, 'Blues');
INSERT INTO players VALUES (1, 1, NULL, 2), (2, 1, 1, NULL), (3, NULL, 1, 1);
