SELECT id, code, label, price, qty, ratio FROM public.items ORDER BY id;
