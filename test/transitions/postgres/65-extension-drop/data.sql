INSERT INTO public.users VALUES (1, 'ada', 'ADA@example.com', 'a=>1');
