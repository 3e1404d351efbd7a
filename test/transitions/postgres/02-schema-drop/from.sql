CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL
);

CREATE SCHEMA legacy;
CREATE TYPE legacy.kind AS ENUM ('a', 'b');
CREATE TABLE legacy.old_users (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES public.users (id),
  kind legacy.kind
);
CREATE VIEW legacy.old_user_names AS
  SELECT o.id, u.name FROM legacy.old_users o JOIN public.users u ON u.id = o.user_id;
CREATE FUNCTION legacy.count_old() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM legacy.old_users $$;
