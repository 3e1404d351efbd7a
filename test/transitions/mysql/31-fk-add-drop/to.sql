-- what this covers: foreign keys added (to another table, using an existing index; and a self-reference that needs a new index) and one dropped (its index kept); rows satisfy the new keys.

CREATE TABLE teams (
  id INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE players (
  id INT NOT NULL,
  team_id INT NULL,
  mentor_id INT NULL,
  former_team_id INT NULL,
  PRIMARY KEY (id),
  KEY players_team (team_id),
  KEY players_former_team (former_team_id),
  KEY players_mentor (mentor_id),
  CONSTRAINT players_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL,
  CONSTRAINT players_mentor_fk FOREIGN KEY (mentor_id) REFERENCES players (id)
);
