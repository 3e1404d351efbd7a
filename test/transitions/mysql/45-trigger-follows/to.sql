-- what this covers: triggers added: one BEFORE INSERT trigger placed between two existing ones with FOLLOWS (order is observable), plus AFTER DELETE and BEFORE UPDATE triggers.

CREATE TABLE labels (
  id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(50) NOT NULL,
  tag VARCHAR(80) NULL,
  PRIMARY KEY (id)
);

CREATE TABLE removed (
  id INT NOT NULL,
  name VARCHAR(50) NOT NULL
);

DELIMITER $$
CREATE TRIGGER labels_bi_trim BEFORE INSERT ON labels FOR EACH ROW
  SET NEW.name = TRIM(NEW.name)$$

CREATE TRIGGER labels_bi_last BEFORE INSERT ON labels FOR EACH ROW
  SET NEW.tag = CONCAT(COALESCE(NEW.tag, ''), '.')$$

CREATE TRIGGER labels_bi_tag BEFORE INSERT ON labels FOR EACH ROW FOLLOWS labels_bi_trim
  SET NEW.tag = CONCAT(NEW.name, '#', CHAR_LENGTH(NEW.name))$$

CREATE TRIGGER labels_bu BEFORE UPDATE ON labels FOR EACH ROW
  SET NEW.name = TRIM(NEW.name)$$

CREATE TRIGGER labels_ad AFTER DELETE ON labels FOR EACH ROW
  INSERT INTO removed VALUES (OLD.id, OLD.name)$$
DELIMITER ;
