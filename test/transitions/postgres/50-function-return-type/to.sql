-- what this covers: function return types changed (scalar, TABLE columns, and one used by a view): needs DROP + CREATE, with the view re-created around it.

CREATE TABLE public.orders (
  id int PRIMARY KEY,
  amount int NOT NULL
);
CREATE FUNCTION public.order_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.orders $$;
CREATE FUNCTION public.order_rows() RETURNS TABLE(id int, amount int) LANGUAGE sql STABLE AS $$ SELECT id, amount FROM public.orders $$;
CREATE FUNCTION public.double_it(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x::bigint * 2 $$;
CREATE VIEW public.v_doubled AS SELECT id, public.double_it(amount) AS doubled FROM public.orders;
