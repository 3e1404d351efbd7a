CREATE TABLE pages (
  id INT NOT NULL,
  url VARCHAR(500) NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (id),
  KEY pages_url (url(50)),
  KEY pages_title_body (title, body(10)),
  KEY pages_title (title(20))
);
