SELECT key, value FROM public.cache ORDER BY key;
SELECT id, note FROM public.scratch ORDER BY id;
SELECT relname, relpersistence FROM pg_class WHERE relname IN ('cache', 'scratch') ORDER BY relname;
