-- what this covers: trigger bodies changed: a one-statement BEFORE INSERT trigger gets a BEGIN..END body, an AFTER UPDATE trigger's body changes; rows survive.

CREATE TABLE customers (
  id INT NOT NULL AUTO_INCREMENT,
  email VARCHAR(191) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE audit (
  id INT NOT NULL AUTO_INCREMENT,
  note VARCHAR(200) NOT NULL,
  PRIMARY KEY (id)
);

DELIMITER $$
CREATE TRIGGER customers_bi BEFORE INSERT ON customers FOR EACH ROW
BEGIN
  SET NEW.email = LOWER(TRIM(NEW.email));
  IF NEW.email NOT LIKE '%@%' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'email needs an @';
  END IF;
END$$

CREATE TRIGGER customers_au AFTER UPDATE ON customers FOR EACH ROW
BEGIN
  INSERT INTO audit (note) VALUES (CONCAT('updated ', NEW.id, ': ', OLD.email, ' -> ', NEW.email));
END$$
DELIMITER ;
