CREATE TABLE contacts (
  id INT NOT NULL,
  email VARCHAR(191) NULL,
  phone VARCHAR(30) NOT NULL,
  rank_no INT NULL DEFAULT 5,
  PRIMARY KEY (id)
);
