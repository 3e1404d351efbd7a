-- what this covers: a view and the view on it dropped; a new view, a view on it, and comments added.

CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL,
  active boolean NOT NULL
);
CREATE VIEW public.active_users AS SELECT id, name FROM public.users WHERE active;
CREATE VIEW public.active_names AS SELECT name FROM public.active_users ORDER BY name;
COMMENT ON VIEW public.active_users IS 'users who can log in';
COMMENT ON COLUMN public.active_users.name IS 'display name';
