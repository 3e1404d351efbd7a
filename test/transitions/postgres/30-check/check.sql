SELECT id, sku FROM public.products ORDER BY id;
SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'public.products'::regclass AND contype = 'c' ORDER BY conname;
