INSERT INTO public.users VALUES (1, 'a@example.com'), (2, 'b@example.com');
INSERT INTO public.posts VALUES (10, 2);
