CREATE FUNCTION public.make_code(p int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'C' || p $$;
CREATE TABLE public.items (
  id int PRIMARY KEY,
  code text NOT NULL DEFAULT public.make_code(1)
);
