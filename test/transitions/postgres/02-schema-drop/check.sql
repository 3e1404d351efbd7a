SELECT id, name FROM public.users ORDER BY id;
