INSERT INTO public.users VALUES (1, 'ada');
INSERT INTO public.tags VALUES (7, 'sql');
INSERT INTO public.posts VALUES (100, 1, 7);
INSERT INTO public.orders VALUES (1000, 1);
