CREATE TABLE people (
  id INT NOT NULL,
  last_name VARCHAR(50) NOT NULL,
  first_name VARCHAR(50) NOT NULL,
  email VARCHAR(191) NULL,
  born DATE NULL,
  PRIMARY KEY (id)
);
