-- what this covers: an index dropped, a composite index and a single-column one added after the kept one (MariaDB appends new keys); rows survive.

CREATE TABLE events (
  id INT NOT NULL,
  kind VARCHAR(20) NOT NULL,
  happened_at DATETIME NOT NULL,
  actor VARCHAR(50) NULL,
  PRIMARY KEY (id),
  KEY events_actor (actor),
  KEY events_kind_time (kind, happened_at),
  KEY events_time (happened_at)
);
