SELECT * FROM paid_orders ORDER BY id;
SELECT * FROM customer_totals ORDER BY customer;
