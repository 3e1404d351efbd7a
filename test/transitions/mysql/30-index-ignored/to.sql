-- what this covers: MariaDB IGNORED indexes: one index made IGNORED, one made NOT IGNORED, one with a comment made IGNORED.

CREATE TABLE sessions (
  id INT NOT NULL,
  user_id INT NOT NULL,
  created_at DATETIME NOT NULL,
  ip VARCHAR(45) NULL,
  PRIMARY KEY (id),
  KEY sessions_user (user_id) IGNORED,
  KEY sessions_created (created_at),
  KEY sessions_ip (ip) COMMENT 'ip lookups' IGNORED
);
