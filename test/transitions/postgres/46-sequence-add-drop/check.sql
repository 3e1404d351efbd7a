SELECT id, ticket FROM public.t ORDER BY id;
