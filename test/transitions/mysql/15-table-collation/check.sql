SELECT id, name, city, COLLATION(name) FROM streets ORDER BY id;
SELECT COUNT(*) FROM streets WHERE name = 'Hauptstrasse';
