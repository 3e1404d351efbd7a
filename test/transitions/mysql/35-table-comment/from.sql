CREATE TABLE a_plain (
  id INT NOT NULL PRIMARY KEY
);

CREATE TABLE b_commented (
  id INT NOT NULL PRIMARY KEY
) COMMENT='old words';

CREATE TABLE c_uncommented (
  id INT NOT NULL PRIMARY KEY
) COMMENT='to be removed';
