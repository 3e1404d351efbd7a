-- what this covers: column comments added (with a quote), changed and removed, types unchanged.

CREATE TABLE tasks (
  id INT NOT NULL COMMENT 'task number',
  title VARCHAR(100) NOT NULL COMMENT 'what''s to be done',
  due DATE NULL COMMENT 'deadline (local date)',
  owner VARCHAR(50) NULL,
  PRIMARY KEY (id)
);
