INSERT INTO public.measurements_2023 VALUES (1, '2023-05-01', 1.5);
INSERT INTO public.measurements VALUES (2, '2024-05-01', 2.5);
