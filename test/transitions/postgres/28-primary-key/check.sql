SELECT (SELECT count(*) FROM public.t_add), (SELECT count(*) FROM public.t_drop), (SELECT count(*) FROM public.t_change), (SELECT count(*) FROM public.t_rename);
