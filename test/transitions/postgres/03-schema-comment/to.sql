-- what this covers: schema comments changed, added and removed.

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application tables';
CREATE SCHEMA reports;
COMMENT ON SCHEMA reports IS 'read-only reporting; it''s quoted';
CREATE SCHEMA archive;
