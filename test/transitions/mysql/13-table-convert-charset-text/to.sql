-- what this covers: latin1 -> utf8mb4 table conversion with TEXT and TINYTEXT columns that must stay TEXT/TINYTEXT (plain CONVERT TO would widen them to MEDIUMTEXT/TEXT).

CREATE TABLE articles (
  id INT NOT NULL,
  title VARCHAR(100) NOT NULL,
  body TEXT NOT NULL,
  summary TINYTEXT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
