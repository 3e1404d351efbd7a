INSERT INTO public.readings VALUES (1);
