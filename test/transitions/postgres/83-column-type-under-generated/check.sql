SELECT id, qty, double_qty FROM public.lines;
