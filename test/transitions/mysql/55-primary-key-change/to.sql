-- what this covers: a primary key changed from (id) to (tenant_id, id), with the old key column kept unique; rows satisfy both keys.

CREATE TABLE memberships (
  id INT NOT NULL,
  tenant_id INT NOT NULL,
  user_name VARCHAR(50) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE KEY memberships_id (id)
);
