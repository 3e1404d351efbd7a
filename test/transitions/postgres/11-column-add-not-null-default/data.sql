INSERT INTO public.tasks VALUES (1, 'write tests'), (2, 'ship');
