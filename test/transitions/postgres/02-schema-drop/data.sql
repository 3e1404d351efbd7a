INSERT INTO public.users VALUES (1, 'ada'), (2, 'bob');
INSERT INTO legacy.old_users VALUES (10, 1, 'a');
