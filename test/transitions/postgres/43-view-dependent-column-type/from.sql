CREATE TABLE public.payments (
  id int PRIMARY KEY,
  amount int NOT NULL,
  note varchar(20)
);
CREATE VIEW public.v_payments AS SELECT id, amount, note FROM public.payments;
CREATE VIEW public.v_big_payments AS SELECT id, amount FROM public.v_payments WHERE amount > 100;
CREATE MATERIALIZED VIEW public.mv_total AS SELECT sum(amount) AS total FROM public.payments;
