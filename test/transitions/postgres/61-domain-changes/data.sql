INSERT INTO public.uses VALUES (1, 1, 'x', 50, 'short');
