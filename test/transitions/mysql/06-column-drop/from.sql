CREATE TABLE people (
  id INT NOT NULL,
  name VARCHAR(100) NOT NULL,
  legacy_code CHAR(8) NULL,
  email VARCHAR(191) NOT NULL,
  notes TEXT,
  PRIMARY KEY (id),
  KEY people_legacy_code (legacy_code)
);
