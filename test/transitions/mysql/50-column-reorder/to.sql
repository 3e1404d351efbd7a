-- what this covers: column reordering only (same columns and types, different order: a swap and a move to the end); rows keep their values per column.

CREATE TABLE people (
  id INT NOT NULL,
  first_name VARCHAR(50) NOT NULL,
  last_name VARCHAR(50) NOT NULL,
  born DATE NULL,
  email VARCHAR(191) NULL,
  PRIMARY KEY (id)
);
