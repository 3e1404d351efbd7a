INSERT INTO public.products VALUES (1, 'A-1', 'L1', 1.5, 9.99), (2, 'B-2', NULL, 2, 19.50);
