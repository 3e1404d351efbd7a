INSERT INTO public.events (name) VALUES ('a'), ('b');
