CREATE TABLE people (
  id INT NOT NULL,
  first_name VARCHAR(50) NOT NULL,
  last_name VARCHAR(50) NOT NULL,
  city VARCHAR(50) NULL,
  PRIMARY KEY (id)
);
