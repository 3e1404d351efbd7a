-- what this covers: default added (string), changed (int, date, SET), dropped (NOT NULL column), expression default changed; existing rows keep their values.

CREATE TABLE settings (
  id INT NOT NULL,
  theme VARCHAR(20) NOT NULL DEFAULT 'light',
  page_size INT NOT NULL DEFAULT 50,
  locale VARCHAR(10) NOT NULL,
  factor INT DEFAULT (2 * 3),
  created DATE DEFAULT (CURRENT_DATE),
  flags SET('a', 'b', 'c') NOT NULL DEFAULT 'b,c',
  PRIMARY KEY (id)
);
