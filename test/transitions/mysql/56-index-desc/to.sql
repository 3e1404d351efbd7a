-- what this covers: index key part direction changed: a composite key's second part made DESC, a DESC key made ascending.

CREATE TABLE posts (
  id INT NOT NULL,
  author VARCHAR(50) NOT NULL,
  published_at DATETIME NOT NULL,
  score INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY posts_author_published (author, published_at DESC),
  KEY posts_score (score)
);
