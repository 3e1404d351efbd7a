INSERT INTO public.t_add VALUES (1, 'a'), (2, 'b');
INSERT INTO public.t_drop (v) VALUES ('x'), ('y');
