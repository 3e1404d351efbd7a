INSERT INTO public.users VALUES (1), (2);
INSERT INTO public.teams VALUES (1, 'core');
INSERT INTO public.members VALUES (1, 1, 'core', 2);
