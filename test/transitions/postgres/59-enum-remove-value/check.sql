SELECT id, mood FROM public.people ORDER BY id;
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'public.mood'::regtype ORDER BY enumsortorder;
