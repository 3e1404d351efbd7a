INSERT INTO public.events VALUES (1, 42, '2024-01-02', true), (2, -7, NULL, false);
