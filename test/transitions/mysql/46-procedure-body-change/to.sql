-- what this covers: stored procedure bodies changed (a BEGIN..END body with a new statement, a one-statement body made a compound one), parameters and characteristics unchanged.

CREATE TABLE orders (
  id INT NOT NULL AUTO_INCREMENT,
  customer VARCHAR(50) NOT NULL,
  total DECIMAL(10,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
);

DELIMITER $$
CREATE PROCEDURE add_order(IN p_customer VARCHAR(50), OUT p_id INT)
  MODIFIES SQL DATA
BEGIN
  IF p_customer = '' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'customer required';
  END IF;
  INSERT INTO orders (customer, total) VALUES (UPPER(p_customer), 1.00);
  SET p_id = LAST_INSERT_ID();
END$$

CREATE PROCEDURE order_count(OUT n INT)
  READS SQL DATA
BEGIN
  DECLARE c INT DEFAULT 0;
  SELECT COUNT(*) INTO c FROM orders WHERE total > 0;
  SET n = c;
END$$
DELIMITER ;
