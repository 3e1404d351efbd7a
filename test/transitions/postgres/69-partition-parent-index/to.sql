-- what this covers: an index and a unique constraint added on an existing partitioned parent with rows (propagated to partitions), plus an index on one partition only.

CREATE TABLE public.orders (
  id bigint NOT NULL,
  region text NOT NULL,
  customer_id int NOT NULL,
  total numeric,
  CONSTRAINT orders_id_region_key UNIQUE (id, region)
) PARTITION BY LIST (region);
CREATE TABLE public.orders_eu PARTITION OF public.orders FOR VALUES IN ('eu');
CREATE TABLE public.orders_us PARTITION OF public.orders FOR VALUES IN ('us');
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
CREATE INDEX orders_eu_total_idx ON public.orders_eu (total);
