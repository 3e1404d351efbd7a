-- what this covers: ON UPDATE CURRENT_TIMESTAMP added to a TIMESTAMP and (with precision 6) to a nullable DATETIME(6), and removed from another DATETIME; stored times survive.

CREATE TABLE documents (
  id INT NOT NULL,
  title VARCHAR(100) NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  changed DATETIME(6) NULL ON UPDATE CURRENT_TIMESTAMP(6),
  touched DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id)
);
