-- what this covers: rewrite rules added, dropped and changed (action text), plus one disabled.

CREATE TABLE public.items (
  id int PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE public.items_log (
  id int,
  action text
);
CREATE RULE items_log_insert AS ON INSERT TO public.items DO ALSO INSERT INTO public.items_log VALUES (NEW.id, 'created');
CREATE RULE items_log_update AS ON UPDATE TO public.items DO ALSO INSERT INTO public.items_log VALUES (NEW.id, 'updated');
ALTER TABLE public.items DISABLE RULE items_log_update;
