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
  CONSTRAINT players_former_team_fk FOREIGN KEY (former_team_id) REFERENCES teams (id)
);
