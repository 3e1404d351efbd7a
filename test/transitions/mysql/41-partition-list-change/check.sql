SELECT * FROM shipments ORDER BY id;
SELECT COUNT(*) FROM shipments PARTITION (p_eu);
SELECT COUNT(*) FROM shipments PARTITION (p_us);
SELECT COUNT(*) FROM shipments PARTITION (p_other);
SELECT COUNT(*) FROM shipments PARTITION (p_apac);
