-- what this covers: table comments added (with a quote), changed and removed.

CREATE TABLE a_plain (
  id INT NOT NULL PRIMARY KEY
) COMMENT='now it''s documented';

CREATE TABLE b_commented (
  id INT NOT NULL PRIMARY KEY
) COMMENT='new words';

CREATE TABLE c_uncommented (
  id INT NOT NULL PRIMARY KEY
);
