CREATE TABLE tickets (
  id INT NOT NULL,
  priority ENUM('low', 'high') NOT NULL DEFAULT 'low',
  kind ENUM('bug', 'task', 'it''s odd') NULL,
  PRIMARY KEY (id)
);
