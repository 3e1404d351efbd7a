-- what this covers: a RANGE partition list changed: a new partition split out of MAXVALUE (p2025) and the first two merged (p_old); rows move with their ranges.

CREATE TABLE sales (
  id BIGINT NOT NULL,
  sold_on DATE NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (id, sold_on)
) ENGINE=InnoDB
PARTITION BY RANGE (YEAR(sold_on)) (
  PARTITION p_old VALUES LESS THAN (2025),
  PARTITION p2025 VALUES LESS THAN (2026),
  PARTITION pmax VALUES LESS THAN MAXVALUE
);
