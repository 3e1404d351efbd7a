SELECT id, email, phone, fax FROM public.contacts ORDER BY id;
