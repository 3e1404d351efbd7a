INSERT INTO public.users VALUES (1, 'a@example.com');
