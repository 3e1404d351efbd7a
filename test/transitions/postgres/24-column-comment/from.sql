CREATE TABLE public.users (
  id int PRIMARY KEY,
  email text,
  name text,
  legacy text
);
COMMENT ON COLUMN public.users.email IS 'login';
COMMENT ON COLUMN public.users.legacy IS 'unused';
