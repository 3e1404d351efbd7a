SELECT * FROM products ORDER BY id;
