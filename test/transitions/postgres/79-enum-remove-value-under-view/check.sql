SELECT id, mood FROM public.v_happy;
SELECT id, public.is_sad(mood) FROM public.people ORDER BY id;
