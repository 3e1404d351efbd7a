-- what this covers: an aggregate's options changed (INITCOND) and a new aggregate added over a new state function.

CREATE AGGREGATE public.my_sum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '100');
CREATE FUNCTION public.concat_sep(acc text, x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN acc = '' THEN x ELSE acc || ',' || x END $$;
CREATE AGGREGATE public.join_all(text) (SFUNC = public.concat_sep, STYPE = text, INITCOND = '');
