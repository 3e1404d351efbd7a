INSERT INTO orders VALUES (1, 'ada', 10.00, 'paid'), (2, 'ada', 5.00, 'open'), (3, 'bob', 7.50, 'void');
