CREATE TABLE memberships (
  id INT NOT NULL,
  tenant_id INT NOT NULL,
  user_name VARCHAR(50) NOT NULL,
  PRIMARY KEY (id)
);
