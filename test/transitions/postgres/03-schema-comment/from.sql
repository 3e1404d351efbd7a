CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'old comment';
CREATE SCHEMA reports;
CREATE SCHEMA archive;
COMMENT ON SCHEMA archive IS 'to be removed';
