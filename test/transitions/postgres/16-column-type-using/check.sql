SELECT id, qty + 1, ref FROM public.orders ORDER BY id;
