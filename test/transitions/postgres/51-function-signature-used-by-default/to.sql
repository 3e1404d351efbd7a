-- what this covers: the argument type of a function used by a column default changes: new function, default switched, then the old one dropped.

CREATE FUNCTION public.make_code(p bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'C' || p $$;
CREATE TABLE public.items (
  id int PRIMARY KEY,
  code text NOT NULL DEFAULT public.make_code(1)
);
