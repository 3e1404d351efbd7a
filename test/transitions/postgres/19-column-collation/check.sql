SELECT id, a, b, c FROM public.names ORDER BY id;
