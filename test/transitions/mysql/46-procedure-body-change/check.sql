SELECT * FROM orders ORDER BY id;
CALL add_order('carol', @id);
SELECT @id;
CALL order_count(@n);
SELECT @n;
SELECT * FROM orders ORDER BY id;
