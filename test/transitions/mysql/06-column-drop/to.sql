-- what this covers: dropping a column in the middle (with its index) and the last column; the other columns keep their values.

CREATE TABLE people (
  id INT NOT NULL,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(191) NOT NULL,
  PRIMARY KEY (id)
);
