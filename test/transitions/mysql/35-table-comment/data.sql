INSERT INTO a_plain VALUES (1), (2);
INSERT INTO b_commented VALUES (3);
