SELECT public.order_count(), pg_typeof(public.order_count());
SELECT * FROM public.order_rows();
SELECT id, doubled, pg_typeof(doubled) FROM public.v_doubled;
