INSERT INTO public.docs VALUES (1, 'x', NULL);
