SELECT * FROM order_lines ORDER BY id;
