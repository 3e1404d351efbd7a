INSERT INTO public.contacts VALUES (1, 'a@example.com', '555', DEFAULT), (2, 'b@example.com', '556', 'f');
