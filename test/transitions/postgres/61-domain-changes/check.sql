SELECT id, a, b, c, d FROM public.uses;
