-- what this covers: signed -> UNSIGNED on INT (PK and defaulted), TINYINT and DECIMAL, with non-negative rows up to the signed maximum.

CREATE TABLE stock (
  id INT UNSIGNED NOT NULL,
  qty INT UNSIGNED NOT NULL DEFAULT 0,
  shelf TINYINT UNSIGNED NULL,
  weight DECIMAL(8,2) UNSIGNED NOT NULL,
  PRIMARY KEY (id)
);
