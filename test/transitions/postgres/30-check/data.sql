INSERT INTO public.products VALUES (1, 10, 5, 3, 'A-1'), (2, 20, 0, 0, 'legacy sku');
