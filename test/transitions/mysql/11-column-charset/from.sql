CREATE TABLE names (
  id INT NOT NULL,
  name VARCHAR(50) CHARACTER SET latin1 NOT NULL,
  code VARCHAR(10) NOT NULL,
  PRIMARY KEY (id),
  KEY names_name (name)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
