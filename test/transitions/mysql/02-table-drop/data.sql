INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Iain M. Banks');
INSERT INTO books (author_id, title) VALUES (1, 'The Dispossessed'), (2, 'Excession');
INSERT INTO scratch VALUES ('a', 'b');
