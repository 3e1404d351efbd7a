CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  customer_id int NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_created_at_idx ON public.orders (created_at);
