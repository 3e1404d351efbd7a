INSERT INTO prices VALUES ('A', 10.00), ('B', 0.99);
