INSERT INTO page_views VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5);
INSERT INTO api_tokens VALUES ('a', 1), ('b', 2), ('c', 3);
INSERT INTO audit VALUES (1, '2024-01-01'), (2, '2024-01-02');
