SELECT * FROM memberships ORDER BY id;
