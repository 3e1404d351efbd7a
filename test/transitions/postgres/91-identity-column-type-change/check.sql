INSERT INTO public.events (name) VALUES ('c') RETURNING id, name;
SELECT pg_typeof(id) FROM public.events LIMIT 1;
