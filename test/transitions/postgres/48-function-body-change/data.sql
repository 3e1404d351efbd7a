INSERT INTO public.t (id) VALUES (1);
