SELECT * FROM order_lines ORDER BY id;
SELECT id FROM order_lines WHERE total > 9 ORDER BY id;
