-- what this covers: a new AUTO_INCREMENT primary-key column added FIRST to a table without a key, numbering the existing rows (column and key in one ALTER TABLE).

CREATE TABLE log_lines (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  msg VARCHAR(100) NOT NULL,
  level TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
);
