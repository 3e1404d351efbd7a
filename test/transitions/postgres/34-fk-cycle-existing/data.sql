INSERT INTO public.departments VALUES (1, 10);
INSERT INTO public.employees VALUES (10, 1), (11, 1);
