INSERT INTO public.scores VALUES (1, 50), (2, 500);
