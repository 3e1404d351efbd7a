CREATE TABLE counters (
  id INT NOT NULL,
  hits INT NOT NULL DEFAULT 0,
  delta INT NULL,
  small_n SMALLINT UNSIGNED NULL,
  tiny TINYINT NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  KEY counters_hits (hits)
);
