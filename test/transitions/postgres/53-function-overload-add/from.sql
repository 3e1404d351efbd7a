CREATE FUNCTION public.describe(x int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'int ' || x $$;
