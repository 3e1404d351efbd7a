CREATE TABLE events (
  id INT NOT NULL,
  kind VARCHAR(20) NOT NULL,
  happened_at DATETIME NOT NULL,
  actor VARCHAR(50) NULL,
  PRIMARY KEY (id),
  KEY events_kind (kind),
  KEY events_actor (actor)
);
