INSERT INTO public.customer VALUES (1, 'a@example.com');
INSERT INTO public.orders VALUES (10, 1);
