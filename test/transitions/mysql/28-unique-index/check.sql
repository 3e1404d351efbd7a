SELECT * FROM accounts ORDER BY id;
