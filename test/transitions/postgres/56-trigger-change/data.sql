INSERT INTO public.items VALUES (1, 'a', 1, 0);
