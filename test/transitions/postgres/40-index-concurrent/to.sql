-- what this covers: the concurrent_index policy: index created and dropped CONCURRENTLY (outside the transaction) on an existing table.

CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  customer_id int NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
