INSERT INTO public.accounts VALUES (1, 'a@example.com', 1, 'a'), (2, 'b@example.com', NULL, 'b');
