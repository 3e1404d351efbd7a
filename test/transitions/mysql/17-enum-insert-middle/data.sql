INSERT INTO tickets VALUES (1, 'high', 'bug'), (2, 'low', 'it''s odd'), (3, 'high', NULL), (4, 'low', 'task');
