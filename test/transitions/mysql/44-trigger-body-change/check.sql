SELECT * FROM customers ORDER BY id;
INSERT INTO customers (email) VALUES ('  Carol@Example.COM ');
UPDATE customers SET email = 'robert@example.com' WHERE id = 2;
SELECT * FROM customers ORDER BY id;
SELECT note FROM audit ORDER BY id;
