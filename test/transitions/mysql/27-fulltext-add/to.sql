-- what this covers: FULLTEXT indexes added to an InnoDB table with rows (a two-column one with a comment, and a single-column one); MATCH ... AGAINST works afterwards.

CREATE TABLE articles (
  id INT NOT NULL AUTO_INCREMENT,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  tags VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  FULLTEXT KEY articles_search (title, body) COMMENT 'site search',
  FULLTEXT KEY articles_tags (tags)
) ENGINE=InnoDB;
