CREATE TABLE accounts (
  id INT NOT NULL,
  email VARCHAR(191) NOT NULL,
  code CHAR(6) NOT NULL,
  org_id INT NOT NULL,
  handle VARCHAR(30) NOT NULL,
  PRIMARY KEY (id),
  KEY accounts_code (code)
);
