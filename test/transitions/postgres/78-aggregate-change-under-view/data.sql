INSERT INTO public.scores VALUES (1, 5), (2, 7);
