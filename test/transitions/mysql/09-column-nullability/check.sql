SELECT * FROM contacts ORDER BY id;
