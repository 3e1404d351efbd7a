SELECT (SELECT count(*) FROM public.t_always), (SELECT count(*) FROM public.t_by_default), (SELECT count(*) FROM public.t_options);
