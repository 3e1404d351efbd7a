-- what this covers: columns added in the middle of a table (ALTER TABLE ... ADD ... AFTER), one of them NOT NULL with a default, with rows.

CREATE TABLE people (
  id INT NOT NULL,
  first_name VARCHAR(50) NOT NULL,
  middle_name VARCHAR(50) NULL,
  last_name VARCHAR(50) NOT NULL,
  country CHAR(2) NOT NULL DEFAULT 'NL',
  city VARCHAR(50) NULL,
  PRIMARY KEY (id)
);
