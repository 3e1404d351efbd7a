SELECT id, email_address, display_name FROM public.users ORDER BY id;
