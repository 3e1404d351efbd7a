INSERT INTO public.payments VALUES (1, 50, 'small'), (2, 500, 'large');
