-- what this covers: column comments changed, added and removed.

CREATE TABLE public.users (
  id int PRIMARY KEY,
  email text,
  name text,
  legacy text
);
COMMENT ON COLUMN public.users.email IS 'login e-mail, lower case';
COMMENT ON COLUMN public.users.name IS 'display name';
