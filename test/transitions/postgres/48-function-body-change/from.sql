CREATE FUNCTION public.add_tax(p numeric) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN p * 1.1;
END
$$;
CREATE FUNCTION public.next_level(n int) RETURNS int LANGUAGE sql IMMUTABLE RETURN n + 1;
CREATE FUNCTION public.greeting() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hi' $$;
CREATE FUNCTION public.default_code() RETURNS text LANGUAGE sql AS $$ SELECT 'A' $$;
CREATE TABLE public.t (
  id int PRIMARY KEY,
  code text DEFAULT public.default_code(),
  CONSTRAINT t_code_check CHECK (public.next_level(id) > 0)
);
