INSERT INTO public.items VALUES (1, 'a');
DELETE FROM public.items WHERE id = 1;
SELECT (SELECT count(*) FROM public.items), (SELECT string_agg(action, ',') FROM public.items_log);
