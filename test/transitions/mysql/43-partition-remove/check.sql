SELECT * FROM metrics ORDER BY id;
