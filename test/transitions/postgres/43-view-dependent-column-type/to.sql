-- what this covers: column types changed under a view, a view on that view and a materialized view: all must be dropped and re-created around the ALTER.

CREATE TABLE public.payments (
  id int PRIMARY KEY,
  amount bigint NOT NULL,
  note varchar(50)
);
CREATE VIEW public.v_payments AS SELECT id, amount, note FROM public.payments;
CREATE VIEW public.v_big_payments AS SELECT id, amount FROM public.v_payments WHERE amount > 100;
CREATE MATERIALIZED VIEW public.mv_total AS SELECT sum(amount) AS total FROM public.payments;
