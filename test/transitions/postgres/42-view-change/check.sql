SELECT * FROM public.v_append ORDER BY id;
SELECT * FROM public.v_on_shrink ORDER BY id;
SELECT * FROM public.v_retype ORDER BY id;
SELECT * FROM public.v_filter ORDER BY id;
