UPDATE public.items SET name = 'b' WHERE id = 1;
UPDATE public.items SET qty = 2 WHERE id = 1;
SELECT id, name, qty, hits FROM public.items;
