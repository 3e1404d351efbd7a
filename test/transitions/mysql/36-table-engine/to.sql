-- what this covers: table engine changes: MyISAM -> InnoDB and InnoDB -> Aria, with rows.

CREATE TABLE counters (
  name VARCHAR(20) NOT NULL,
  value INT NOT NULL DEFAULT 0,
  PRIMARY KEY (name)
) ENGINE=InnoDB;

CREATE TABLE cache_rows (
  k VARCHAR(40) NOT NULL,
  v VARCHAR(200) NULL,
  PRIMARY KEY (k)
) ENGINE=Aria;
