CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL,
  email public.citext,
  attrs public.hstore
);
CREATE INDEX users_name_trgm_idx ON public.users USING gin (name public.gin_trgm_ops);
