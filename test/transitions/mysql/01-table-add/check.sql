SELECT id, name FROM authors ORDER BY id;
SELECT COUNT(*) FROM books;
