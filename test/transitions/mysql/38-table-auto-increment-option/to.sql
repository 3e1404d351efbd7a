-- what this covers: the AUTO_INCREMENT table option raised (100 -> 5000, above the rows' ids; checked through information_schema since dumps ignore counters) together with a comment change.

CREATE TABLE tickets (
  id INT NOT NULL AUTO_INCREMENT,
  title VARCHAR(100) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB AUTO_INCREMENT=5000 COMMENT='support tickets, renumbered';
