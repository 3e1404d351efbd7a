SELECT id, v FROM public.t_add ORDER BY id;
SELECT id, v FROM public.t_drop ORDER BY id;
SELECT attrelid::regclass, attname, attidentity FROM pg_attribute WHERE attrelid IN ('public.t_add'::regclass, 'public.t_drop'::regclass) AND attname = 'id' ORDER BY 1;
