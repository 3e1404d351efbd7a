SELECT id, sku, price FROM public.products ORDER BY id;
