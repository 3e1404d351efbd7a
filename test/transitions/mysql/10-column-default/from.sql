CREATE TABLE settings (
  id INT NOT NULL,
  theme VARCHAR(20) NOT NULL,
  page_size INT NOT NULL DEFAULT 20,
  locale VARCHAR(10) NOT NULL DEFAULT 'en',
  factor INT DEFAULT (1 + 1),
  created DATE DEFAULT '2020-01-01',
  flags SET('a', 'b', 'c') NOT NULL DEFAULT 'a',
  PRIMARY KEY (id)
);
