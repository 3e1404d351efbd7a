SELECT id, name, HEX(name), CHARSET(name), COLLATION(name), code, CHARSET(code) FROM names ORDER BY id;
