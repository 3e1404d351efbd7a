SELECT id, title FROM articles ORDER BY id;
SELECT id FROM articles WHERE MATCH (title, body) AGAINST ('+database* +schema' IN BOOLEAN MODE) ORDER BY id;
SELECT id FROM articles WHERE MATCH (tags) AGAINST ('sql' IN BOOLEAN MODE) ORDER BY id;
