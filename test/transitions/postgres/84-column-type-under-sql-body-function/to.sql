-- what this covers: the type of a column read by a SQL-standard (BEGIN ATOMIC) function body changes; PostgreSQL records that dependency and refuses while the function exists.

CREATE TABLE public.payments (
  id int PRIMARY KEY,
  amount bigint NOT NULL
);
CREATE FUNCTION public.total_paid() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT sum(amount) FROM public.payments;
END;
