SELECT a.id, a.parent_id, a.name, e.id, e.amount FROM accounts a JOIN entries e ON e.account_id = a.id ORDER BY e.id;
SELECT CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY CONSTRAINT_NAME;
