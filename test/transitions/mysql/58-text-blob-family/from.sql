CREATE TABLE files (
  id INT NOT NULL,
  name TINYTEXT NOT NULL,
  body TEXT NULL,
  data BLOB NULL,
  digest VARBINARY(16) NULL,
  magic BINARY(4) NULL,
  PRIMARY KEY (id)
);
