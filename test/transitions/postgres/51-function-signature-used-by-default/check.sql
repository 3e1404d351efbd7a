SELECT id, code FROM public.items;
SELECT p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1, 2;
