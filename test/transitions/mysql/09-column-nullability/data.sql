INSERT INTO contacts VALUES (1, 'a@example.com', '+31 20 123', 1), (2, 'b@example.com', '', 5), (3, 'c@example.com', '555', 9);
