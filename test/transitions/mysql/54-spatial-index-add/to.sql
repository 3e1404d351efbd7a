-- what this covers: a SPATIAL index added on a NOT NULL POINT column and a nullable POLYGON column added; coordinates survive.

CREATE TABLE stores (
  id INT NOT NULL,
  name VARCHAR(100) NOT NULL,
  location POINT NOT NULL,
  area POLYGON NULL,
  PRIMARY KEY (id),
  SPATIAL KEY stores_location (location)
) ENGINE=InnoDB;
