SELECT tableoid::regclass, id, value FROM public.measurements ORDER BY id;
