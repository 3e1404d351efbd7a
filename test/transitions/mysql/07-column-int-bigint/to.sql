-- what this covers: integer widening with boundary values: INT -> BIGINT (PK, indexed, defaulted, nullable), SMALLINT UNSIGNED -> INT UNSIGNED, TINYINT -> MEDIUMINT.

CREATE TABLE counters (
  id BIGINT NOT NULL,
  hits BIGINT NOT NULL DEFAULT 0,
  delta BIGINT NULL,
  small_n INT UNSIGNED NULL,
  tiny MEDIUMINT NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  KEY counters_hits (hits)
);
