-- what this covers: both ends of FKs widened INT -> BIGINT (a referenced AUTO_INCREMENT PK, a self-reference and a referencing column): the FKs must be dropped and re-added around the type change; rows survive.

CREATE TABLE accounts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  parent_id BIGINT NULL,
  name VARCHAR(50) NOT NULL,
  PRIMARY KEY (id),
  KEY accounts_parent (parent_id),
  CONSTRAINT accounts_parent_fk FOREIGN KEY (parent_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE entries (
  id INT NOT NULL AUTO_INCREMENT,
  account_id BIGINT NOT NULL,
  amount INT NOT NULL,
  PRIMARY KEY (id),
  KEY entries_account (account_id),
  CONSTRAINT entries_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON UPDATE CASCADE
);
