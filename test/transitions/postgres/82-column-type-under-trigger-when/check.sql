UPDATE public.stock SET qty = 5.5 WHERE id = 1;
SELECT id, qty, changes FROM public.stock;
