CREATE TABLE accounts (
  id INT NOT NULL AUTO_INCREMENT,
  parent_id INT NULL,
  name VARCHAR(50) NOT NULL,
  PRIMARY KEY (id),
  KEY accounts_parent (parent_id),
  CONSTRAINT accounts_parent_fk FOREIGN KEY (parent_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE entries (
  id INT NOT NULL AUTO_INCREMENT,
  account_id INT NOT NULL,
  amount INT NOT NULL,
  PRIMARY KEY (id),
  KEY entries_account (account_id),
  CONSTRAINT entries_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON UPDATE CASCADE
);
