CREATE TABLE page_views (
  id BIGINT NOT NULL,
  customer_id INT NOT NULL,
  PRIMARY KEY (id, customer_id)
) ENGINE=InnoDB
PARTITION BY HASH (customer_id) PARTITIONS 2;

CREATE TABLE api_tokens (
  token VARCHAR(64) NOT NULL,
  customer_id INT NOT NULL,
  PRIMARY KEY (token)
) ENGINE=InnoDB
PARTITION BY KEY (token) PARTITIONS 4;

CREATE TABLE audit (
  id INT NOT NULL,
  happened DATE NOT NULL,
  PRIMARY KEY (id, happened)
) ENGINE=InnoDB;
