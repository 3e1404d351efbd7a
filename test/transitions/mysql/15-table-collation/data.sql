INSERT INTO streets VALUES (1, 'Hauptstraße', 'Berlin'), (2, 'Kalverstraat', 'Amsterdam');
