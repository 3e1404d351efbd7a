INSERT INTO blobs VALUES (1, 0xCAFE), (2, REPEAT('x', 10000));
INSERT INTO notes VALUES (1, 'hello'), (2, NULL);
INSERT INTO archive_rows VALUES (1, REPEAT('archive ', 100));
