SELECT * FROM documents ORDER BY id;
