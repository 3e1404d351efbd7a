INSERT INTO public.cache VALUES ('k1', '{"a": 1}'), ('k2', NULL);
INSERT INTO public.scratch VALUES (1, 'x');
