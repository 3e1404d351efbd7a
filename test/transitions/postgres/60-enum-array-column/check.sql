SELECT id, colors FROM public.palettes ORDER BY id;
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'public.color'::regtype ORDER BY enumsortorder;
