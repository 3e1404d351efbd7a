INSERT INTO public.events VALUES (1, 'click', '2024-01-01', '{"x": 1}');
