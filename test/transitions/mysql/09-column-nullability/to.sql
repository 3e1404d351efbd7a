-- what this covers: NULL -> NOT NULL on columns whose rows have no NULLs (one keeps its default), NOT NULL -> NULL on another.

CREATE TABLE contacts (
  id INT NOT NULL,
  email VARCHAR(191) NOT NULL,
  phone VARCHAR(30) NULL,
  rank_no INT NOT NULL DEFAULT 5,
  PRIMARY KEY (id)
);
