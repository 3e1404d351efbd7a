INSERT INTO public.names VALUES (1, 'x', 'y', 'z'), (2, 'X', 'Y', 'Z');
