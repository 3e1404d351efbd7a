SELECT id, total FROM public.lines ORDER BY id;
