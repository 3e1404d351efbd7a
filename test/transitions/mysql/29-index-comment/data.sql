INSERT INTO visits VALUES (1, '/', 'ada', '2024-03-01 09:00:00');
