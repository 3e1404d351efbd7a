SELECT id, status FROM public.posts ORDER BY id;
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'public.status'::regtype ORDER BY enumsortorder;
