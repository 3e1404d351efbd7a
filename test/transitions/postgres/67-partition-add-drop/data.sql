INSERT INTO public.measurements VALUES (1, '2023-06-01', 1), (2, '2024-06-01', 2);
