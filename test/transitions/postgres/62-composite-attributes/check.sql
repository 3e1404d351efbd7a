SELECT id, (home).street, (home).city, (home).country IS NULL FROM public.customers;
