-- what this covers: LIST partition values changed: a value moved between partitions (4 -> p_eu), a value added (12), a new partition (p_apac); rows land in the partitions that now hold their values.

CREATE TABLE shipments (
  id INT NOT NULL,
  region TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (id, region)
) ENGINE=InnoDB
PARTITION BY LIST (region) (
  PARTITION p_eu VALUES IN (1, 2, 3, 4),
  PARTITION p_us VALUES IN (10, 11, 12),
  PARTITION p_other VALUES IN (20),
  PARTITION p_apac VALUES IN (30, 31)
);
