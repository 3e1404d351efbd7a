-- what this covers: text and binary widening: TINYTEXT -> TEXT, TEXT -> MEDIUMTEXT, BLOB -> LONGBLOB, VARBINARY(16) -> VARBINARY(32); BINARY(4) -> BINARY(8) pads existing values with zero bytes.

CREATE TABLE files (
  id INT NOT NULL,
  name TEXT NOT NULL,
  body MEDIUMTEXT NULL,
  data LONGBLOB NULL,
  digest VARBINARY(32) NULL,
  magic BINARY(8) NULL,
  PRIMARY KEY (id)
);
