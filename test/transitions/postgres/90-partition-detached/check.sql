SELECT id, value FROM public.measurements_2023;
SELECT count(*) FROM public.measurements;
