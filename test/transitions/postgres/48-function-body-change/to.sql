-- what this covers: CREATE OR REPLACE of function bodies (plpgsql, SQL-standard RETURN used by a check, SQL used by a default) and of attributes (volatility, strict, cost).

CREATE FUNCTION public.add_tax(p numeric) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN round(p * 1.2, 2);
END
$$;
CREATE FUNCTION public.next_level(n int) RETURNS int LANGUAGE sql IMMUTABLE RETURN n + 2;
CREATE FUNCTION public.greeting() RETURNS text LANGUAGE sql STABLE STRICT COST 10 AS $$ SELECT 'hi' $$;
CREATE FUNCTION public.default_code() RETURNS text LANGUAGE sql AS $$ SELECT 'B' $$;
CREATE TABLE public.t (
  id int PRIMARY KEY,
  code text DEFAULT public.default_code(),
  CONSTRAINT t_code_check CHECK (public.next_level(id) > 0)
);
