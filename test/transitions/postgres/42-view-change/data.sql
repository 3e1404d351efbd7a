INSERT INTO public.orders VALUES (1, 'ada', 20, 'open'), (2, 'bob', 5, 'held');
