CREATE TABLE sessions (
  id INT NOT NULL,
  user_id INT NOT NULL,
  created_at DATETIME NOT NULL,
  ip VARCHAR(45) NULL,
  PRIMARY KEY (id),
  KEY sessions_user (user_id),
  KEY sessions_created (created_at) IGNORED,
  KEY sessions_ip (ip) COMMENT 'ip lookups'
);
