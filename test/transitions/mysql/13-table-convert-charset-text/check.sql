SELECT id, title, body, summary, HEX(body), CHARSET(body) FROM articles ORDER BY id;
