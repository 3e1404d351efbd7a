-- what this covers: partitioning added to a table with rows: PARTITION BY RANGE (YEAR(...)) with a MAXVALUE partition and a partition comment; rows land in their partitions.

CREATE TABLE sales (
  id BIGINT NOT NULL,
  sold_on DATE NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (id, sold_on)
) ENGINE=InnoDB
PARTITION BY RANGE (YEAR(sold_on)) (
  PARTITION p2023 VALUES LESS THAN (2024) COMMENT = 'closed',
  PARTITION p2024 VALUES LESS THAN (2025),
  PARTITION pmax VALUES LESS THAN MAXVALUE
);
