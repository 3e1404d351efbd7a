INSERT INTO public.users VALUES (1);
INSERT INTO public.orders VALUES (1, 1, 10);
