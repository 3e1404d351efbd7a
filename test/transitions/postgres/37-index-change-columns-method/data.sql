INSERT INTO public.docs VALUES (1, 1, 'a', 't', 'b');
