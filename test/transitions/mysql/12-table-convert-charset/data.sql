INSERT INTO customers VALUES (1, 'Jürgen', 'DE', 'gold'), (2, 'Åsa', 'SE', 'basic'), (3, 'Zoë', 'NL', 'gold');
