CREATE TABLE public.orders (
  id int PRIMARY KEY,
  customer text NOT NULL,
  amount numeric(10,2) NOT NULL,
  status text NOT NULL
);
CREATE VIEW public.v_append AS SELECT id, customer FROM public.orders;
CREATE VIEW public.v_shrink AS SELECT id, customer, amount FROM public.orders;
CREATE VIEW public.v_on_shrink AS SELECT id, amount FROM public.v_shrink WHERE amount > 10;
CREATE VIEW public.v_retype AS SELECT id, amount FROM public.orders;
CREATE VIEW public.v_filter AS SELECT id FROM public.orders WHERE status = 'open';
