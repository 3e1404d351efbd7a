INSERT INTO public.legacy_logs VALUES (1, 'kept');
