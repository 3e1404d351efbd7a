INSERT INTO public.t_add VALUES (1, 'a'), (2, 'b');
INSERT INTO public.t_drop VALUES (1, 'x');
INSERT INTO public.t_nulls VALUES (1, 1, NULL), (2, 2, NULL);
INSERT INTO public.t_cols VALUES (1, 1, 1), (2, 2, 1);
