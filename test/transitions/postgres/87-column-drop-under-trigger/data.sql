INSERT INTO public.docs (id, title, old_body, body) VALUES (1, 't', 'old', 'b');
