INSERT INTO public.accounts (id) VALUES (2) RETURNING id, status;
