INSERT INTO public.items (id) VALUES (1);
