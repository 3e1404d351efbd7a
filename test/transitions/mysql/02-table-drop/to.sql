-- what this covers: dropping a table that references a kept table (FK) and an unrelated MyISAM table; the kept table's rows survive.

CREATE TABLE authors (
  id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL,
  PRIMARY KEY (id)
);
