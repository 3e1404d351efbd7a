INSERT INTO customers VALUES (1, 'Ada', 'NL'), (2, 'Bob', 'BE');
