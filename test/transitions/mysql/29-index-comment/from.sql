CREATE TABLE visits (
  id INT NOT NULL,
  path VARCHAR(200) NOT NULL,
  visitor VARCHAR(50) NOT NULL,
  seen_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY visits_path (path),
  KEY visits_visitor (visitor) COMMENT 'who',
  KEY visits_seen (seen_at) COMMENT 'old comment'
);
