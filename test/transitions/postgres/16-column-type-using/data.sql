INSERT INTO public.orders VALUES (1, '12', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, ' 7', NULL);
