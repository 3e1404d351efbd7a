INSERT INTO order_lines VALUES (1, 3, 2.50, 'a@example.com'), (2, 10, 0.99, 'b@test.org');
