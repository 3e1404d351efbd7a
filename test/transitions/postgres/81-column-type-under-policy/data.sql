INSERT INTO public.notes VALUES (1, 1, 'mine');
