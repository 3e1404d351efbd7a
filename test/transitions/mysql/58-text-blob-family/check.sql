SELECT id, name, body, HEX(data), HEX(digest), HEX(magic) FROM files ORDER BY id;
