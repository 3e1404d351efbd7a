CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL,
  legacy_flag boolean
);
CREATE VIEW public.v_users AS SELECT id, name, legacy_flag FROM public.users;
CREATE VIEW public.v_user_names AS SELECT name FROM public.v_users;
