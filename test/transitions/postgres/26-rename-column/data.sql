INSERT INTO public.users VALUES (1, 'a@example.com', 'ada'), (2, 'b@example.com', NULL);
