SELECT region, total, pg_typeof(total) FROM public.mv_by_region;
