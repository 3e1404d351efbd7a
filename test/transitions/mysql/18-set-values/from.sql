CREATE TABLE paints (
  id INT NOT NULL,
  colors SET('red', 'blue') NOT NULL DEFAULT '',
  finish SET('matte', 'gloss') NULL DEFAULT 'matte',
  PRIMARY KEY (id)
);
