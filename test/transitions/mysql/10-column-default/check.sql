SELECT * FROM settings ORDER BY id;
INSERT INTO settings (id, locale, created) VALUES (3, 'de', '2022-02-02');
SELECT * FROM settings WHERE id = 3;
