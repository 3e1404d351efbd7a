INSERT INTO public.orders VALUES (1, 7, '2024-01-01'), (2, 8, '2024-01-02');
