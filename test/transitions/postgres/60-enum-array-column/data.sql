INSERT INTO public.palettes VALUES (1, '{red,blue}'), (2, '{}');
