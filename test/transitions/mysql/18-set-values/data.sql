INSERT INTO paints VALUES (1, 'red,blue', 'gloss'), (2, 'blue', NULL), (3, '', 'matte,gloss');
