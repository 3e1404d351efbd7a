INSERT INTO customers (email) VALUES ('Ada@Example.com'), ('bob@example.com');
