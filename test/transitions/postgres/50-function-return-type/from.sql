CREATE TABLE public.orders (
  id int PRIMARY KEY,
  amount int NOT NULL
);
CREATE FUNCTION public.order_count() RETURNS int LANGUAGE sql STABLE AS $$ SELECT count(*)::int FROM public.orders $$;
CREATE FUNCTION public.order_rows() RETURNS TABLE(id int) LANGUAGE sql STABLE AS $$ SELECT id FROM public.orders $$;
CREATE FUNCTION public.double_it(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE VIEW public.v_doubled AS SELECT id, public.double_it(amount) AS doubled FROM public.orders;
