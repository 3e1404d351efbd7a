CREATE TABLE public.sales (
  id int PRIMARY KEY,
  region text NOT NULL,
  amount int NOT NULL
);
CREATE VIEW public.v_sales AS SELECT id, region, amount FROM public.sales;
CREATE MATERIALIZED VIEW public.mv_by_region AS SELECT region, sum(amount) AS total FROM public.v_sales GROUP BY region;
CREATE UNIQUE INDEX mv_by_region_region_idx ON public.mv_by_region (region);
