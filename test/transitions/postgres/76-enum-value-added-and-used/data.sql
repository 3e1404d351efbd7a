INSERT INTO public.accounts VALUES (1, 'closed');
