-- what this covers: UNIQUE indexes: added on one column, a plain index made unique (same name), and a composite unique key added; rows are unique already.

CREATE TABLE accounts (
  id INT NOT NULL,
  email VARCHAR(191) NOT NULL,
  code CHAR(6) NOT NULL,
  org_id INT NOT NULL,
  handle VARCHAR(30) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY accounts_email (email),
  UNIQUE KEY accounts_code (code),
  UNIQUE KEY accounts_org_handle (org_id, handle)
);
