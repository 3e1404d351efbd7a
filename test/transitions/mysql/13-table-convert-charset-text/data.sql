INSERT INTO articles VALUES (1, 'Crème brûlée', 'Über alles: ça va.', 'kurz'), (2, 'Plain', 'ascii only', NULL);
