-- what this covers: index prefix lengths changed (url(50) -> url(100), body(10) -> body(32) in a composite key) and a prefix removed (title(20) -> title).

CREATE TABLE pages (
  id INT NOT NULL,
  url VARCHAR(500) NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (id),
  KEY pages_url (url(100)),
  KEY pages_title_body (title, body(32)),
  KEY pages_title (title)
);
