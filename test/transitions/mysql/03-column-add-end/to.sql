-- what this covers: columns added at the end of a table with rows: nullable, NOT NULL with a literal default, NOT NULL DATE default, and a nullable one with a default.

CREATE TABLE people (
  id INT NOT NULL,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(191) NULL,
  score INT NOT NULL DEFAULT 10,
  joined DATE NOT NULL DEFAULT '2024-01-01',
  nickname VARCHAR(30) DEFAULT 'anon',
  PRIMARY KEY (id)
);
