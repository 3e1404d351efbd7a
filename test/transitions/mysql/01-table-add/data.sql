INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Iain M. Banks');
