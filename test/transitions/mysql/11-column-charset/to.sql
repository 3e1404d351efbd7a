-- what this covers: one column's character set changed latin1 -> utf8mb4 (inheriting the table collation) and another's ascii set explicitly; indexed; non-ASCII rows keep their characters.

CREATE TABLE names (
  id INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  code VARCHAR(10) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  PRIMARY KEY (id),
  KEY names_name (name)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
