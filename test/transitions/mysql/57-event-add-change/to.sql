-- what this covers: events: one changed (schedule, body, comment, DISABLE) and one added (one-off AT schedule); the event scheduler may be off, the definitions are stored anyway.

CREATE TABLE sessions (
  id INT NOT NULL,
  expires_at DATETIME NOT NULL,
  PRIMARY KEY (id)
);

DELIMITER $$
CREATE EVENT purge_sessions
  ON SCHEDULE EVERY 15 MINUTE STARTS '2030-01-01 00:00:00'
  ON COMPLETION PRESERVE
  DISABLE
  COMMENT 'expired sessions only'
DO
BEGIN
  DELETE FROM sessions WHERE expires_at < NOW() - INTERVAL 1 MINUTE;
END$$

CREATE EVENT vacuum_once
  ON SCHEDULE AT '2030-06-01 03:00:00'
  ON COMPLETION PRESERVE
  ENABLE
DO
  DELETE FROM sessions$$
DELIMITER ;
