INSERT INTO public.items VALUES (1, 'a', NULL), (2, 'b', NULL);
