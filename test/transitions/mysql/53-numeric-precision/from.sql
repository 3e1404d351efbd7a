CREATE TABLE measurements (
  id INT NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  ratio FLOAT NOT NULL,
  precise DATETIME NOT NULL,
  flags BIT(4) NOT NULL DEFAULT b'0000',
  PRIMARY KEY (id)
);
