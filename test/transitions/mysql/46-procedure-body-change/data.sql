INSERT INTO orders (customer) VALUES ('ada'), ('bob');
