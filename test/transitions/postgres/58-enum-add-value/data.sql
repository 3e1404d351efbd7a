INSERT INTO public.posts VALUES (1, 'draft'), (2, 'published');
