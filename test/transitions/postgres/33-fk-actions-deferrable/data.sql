INSERT INTO public.parents VALUES (1, 1), (2, 2);
INSERT INTO public.children VALUES (1, 1, 1, 2, 2, 1);
