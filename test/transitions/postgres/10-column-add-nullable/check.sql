SELECT id, name, email IS NULL, age IS NULL, tags IS NULL, meta IS NULL, born IS NULL FROM public.people ORDER BY id;
