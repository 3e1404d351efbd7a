INSERT INTO public.lines VALUES (1, 2.50, 4), (2, 10, 3);
