INSERT INTO public.lines (id, qty) VALUES (1, 21);
