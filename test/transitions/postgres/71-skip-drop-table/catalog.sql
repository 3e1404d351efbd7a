SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;
SELECT line FROM public.legacy_logs;
