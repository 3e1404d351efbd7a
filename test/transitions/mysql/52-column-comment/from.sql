CREATE TABLE tasks (
  id INT NOT NULL,
  title VARCHAR(100) NOT NULL,
  due DATE NULL COMMENT 'deadline',
  owner VARCHAR(50) NULL COMMENT 'to be removed',
  PRIMARY KEY (id)
);
