INSERT INTO counters VALUES ('a', 1), ('b', 2);
INSERT INTO cache_rows VALUES ('x', 'y'), ('z', NULL);
