CREATE TABLE public.payments (
  id int PRIMARY KEY,
  amount int NOT NULL
);
CREATE FUNCTION public.total_paid() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT sum(amount) FROM public.payments;
END;
