INSERT INTO settings (id, theme, page_size, locale, factor, created, flags) VALUES (1, 'dark', 10, 'nl', 4, '2021-06-30', 'a,c');
INSERT INTO settings (id, theme) VALUES (2, 'blue');
