-- what this covers: a column dropped while a view (and a view on it) selects it; the view is redefined without the column.

CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL
);
CREATE VIEW public.v_users AS SELECT id, name FROM public.users;
CREATE VIEW public.v_user_names AS SELECT name FROM public.v_users;
