CREATE TABLE public.items (
  id int PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE public.items_log (
  id int,
  action text
);
CREATE RULE items_no_delete AS ON DELETE TO public.items DO INSTEAD NOTHING;
CREATE RULE items_log_insert AS ON INSERT TO public.items DO ALSO INSERT INTO public.items_log VALUES (NEW.id, 'insert');
