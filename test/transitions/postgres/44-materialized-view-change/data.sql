INSERT INTO public.sales VALUES (1, 'eu', 50), (2, 'eu', 150), (3, 'us', 10);
