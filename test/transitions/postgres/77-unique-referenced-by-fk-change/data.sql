INSERT INTO public.countries VALUES (1, 'de'), (2, NULL);
INSERT INTO public.cities VALUES (10, 'de'), (11, NULL);
