INSERT INTO public.people VALUES (1, 'ada'), (2, 'bob');
