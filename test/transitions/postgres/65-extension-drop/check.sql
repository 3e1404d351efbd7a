SELECT id, name, email = 'ada@EXAMPLE.com' FROM public.users;
