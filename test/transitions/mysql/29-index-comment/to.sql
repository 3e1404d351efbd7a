-- what this covers: index comments added, changed and removed (indexes otherwise unchanged).

CREATE TABLE visits (
  id INT NOT NULL,
  path VARCHAR(200) NOT NULL,
  visitor VARCHAR(50) NOT NULL,
  seen_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY visits_path (path) COMMENT 'lookups by path; it''s hot',
  KEY visits_visitor (visitor),
  KEY visits_seen (seen_at) COMMENT 'new comment'
);
