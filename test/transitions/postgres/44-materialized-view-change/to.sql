-- what this covers: a materialized view's query changed (its index must be re-created), one dropped, one added with an index and comment.

CREATE TABLE public.sales (
  id int PRIMARY KEY,
  region text NOT NULL,
  amount numeric(10,2) NOT NULL
);
CREATE MATERIALIZED VIEW public.mv_region_totals AS
  SELECT region, sum(amount) AS total, count(*) AS n FROM public.sales GROUP BY region;
CREATE UNIQUE INDEX mv_region_totals_region_idx ON public.mv_region_totals (region);
CREATE MATERIALIZED VIEW public.mv_big AS SELECT id, amount FROM public.sales WHERE amount > 100;
CREATE INDEX mv_big_amount_idx ON public.mv_big (amount);
COMMENT ON MATERIALIZED VIEW public.mv_big IS 'large sales';
