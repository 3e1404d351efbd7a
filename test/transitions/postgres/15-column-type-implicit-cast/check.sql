SELECT id, code, happened, flag FROM public.events ORDER BY id;
