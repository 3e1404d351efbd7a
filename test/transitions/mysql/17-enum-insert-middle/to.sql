-- what this covers: ENUM values inserted in the middle and at the front (stored indexes shift), a value with a quote; rows keep their labels and sort by the new order.

CREATE TABLE tickets (
  id INT NOT NULL,
  priority ENUM('low', 'medium', 'high') NOT NULL DEFAULT 'low',
  kind ENUM('epic', 'bug', 'task', 'it''s odd') NULL,
  PRIMARY KEY (id)
);
