INSERT INTO public.payments VALUES (1, 2147483647), (2, 1);
