INSERT INTO public.orders VALUES (1, 'eu', 10, 5), (2, 'us', 11, 6);
