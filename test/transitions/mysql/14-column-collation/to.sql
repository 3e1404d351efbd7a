-- what this covers: column collation changes in the same character set: case-insensitive -> utf8mb4_bin on a unique column, utf8mb4_bin -> utf8mb4_unicode_ci; rows survive and comparisons follow the new collation.

CREATE TABLE users (
  id INT NOT NULL,
  login VARCHAR(50) COLLATE utf8mb4_bin NOT NULL,
  display VARCHAR(50) COLLATE utf8mb4_unicode_ci NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_login (login)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
