INSERT INTO people VALUES (1, 'Ada', 'Lovelace', 'London'), (2, 'Edsger', 'Dijkstra', NULL);
