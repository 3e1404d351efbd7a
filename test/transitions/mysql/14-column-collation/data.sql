INSERT INTO users VALUES (1, 'alice', 'Alice'), (2, 'Bob', 'bob'), (3, 'carol', 'Straße');
