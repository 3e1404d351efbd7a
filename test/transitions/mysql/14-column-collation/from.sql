CREATE TABLE users (
  id INT NOT NULL,
  login VARCHAR(50) NOT NULL,
  display VARCHAR(50) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_login (login)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
