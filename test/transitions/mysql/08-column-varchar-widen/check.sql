SELECT id, code, name, label, CHAR_LENGTH(name), CONCAT('[', label, ']') FROM products ORDER BY id;
