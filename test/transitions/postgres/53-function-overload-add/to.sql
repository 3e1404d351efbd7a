-- what this covers: overloads added beside an existing function (other argument type, other argument count, variadic).

CREATE FUNCTION public.describe(x int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'int ' || x $$;
CREATE FUNCTION public.describe(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'text ' || x $$;
CREATE FUNCTION public.describe(x int, y int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'pair ' || x || ',' || y $$;
CREATE FUNCTION public.describe(VARIADIC xs numeric[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'many ' || array_length(xs, 1) $$;
