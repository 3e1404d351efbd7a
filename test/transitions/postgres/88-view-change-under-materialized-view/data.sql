INSERT INTO public.sales VALUES (1, 'eu', 5), (2, 'eu', 7);
