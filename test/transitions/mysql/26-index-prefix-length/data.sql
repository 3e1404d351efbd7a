INSERT INTO pages VALUES (1, 'https://example.com/a', 'A', 'alpha'), (2, 'https://example.com/b', 'B', 'beta');
