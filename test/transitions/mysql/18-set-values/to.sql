-- what this covers: SET values inserted in the middle and appended (stored bitmasks shift), default changed with the new values; rows keep their members.

CREATE TABLE paints (
  id INT NOT NULL,
  colors SET('red', 'green', 'blue', 'white') NOT NULL DEFAULT '',
  finish SET('matte', 'satin', 'gloss') NULL DEFAULT 'matte,satin',
  PRIMARY KEY (id)
);
