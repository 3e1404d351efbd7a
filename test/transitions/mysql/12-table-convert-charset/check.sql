SELECT id, name, HEX(name), CHARSET(name), country, tier, CHARSET(tier) FROM customers ORDER BY id;
