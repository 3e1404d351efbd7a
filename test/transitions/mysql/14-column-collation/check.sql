SELECT id, login, display, COLLATION(login), COLLATION(display) FROM users ORDER BY id;
SELECT COUNT(*) FROM users WHERE login = 'ALICE';
SELECT COUNT(*) FROM users WHERE display = 'ALICE';
