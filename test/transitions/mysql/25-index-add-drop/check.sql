SELECT * FROM events ORDER BY id;
