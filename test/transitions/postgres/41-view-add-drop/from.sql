CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL,
  active boolean NOT NULL
);
CREATE VIEW public.inactive_users AS SELECT id, name FROM public.users WHERE NOT active;
CREATE VIEW public.inactive_count AS SELECT count(*) AS n FROM public.inactive_users;
