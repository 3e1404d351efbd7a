CREATE TABLE public.sales (
  id int PRIMARY KEY,
  region text NOT NULL,
  amount numeric(10,2) NOT NULL
);
CREATE MATERIALIZED VIEW public.mv_region_totals AS
  SELECT region, sum(amount) AS total FROM public.sales GROUP BY region;
CREATE UNIQUE INDEX mv_region_totals_region_idx ON public.mv_region_totals (region);
CREATE MATERIALIZED VIEW public.mv_old AS SELECT count(*) AS n FROM public.sales;
