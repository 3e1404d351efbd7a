INSERT INTO public.t_add VALUES (1, 'a'), (2, 'b');
INSERT INTO public.t_drop VALUES (1, 'a');
INSERT INTO public.t_change VALUES (1, 1, 'a'), (2, 1, 'b');
INSERT INTO public.t_rename VALUES (1);
