SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid IN ('public.orders'::regclass, 'public.orders_eu'::regclass, 'public.orders_us'::regclass) ORDER BY 1;
SELECT count(*) FROM public.orders;
