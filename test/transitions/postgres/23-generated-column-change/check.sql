SELECT id, total FROM public.lines ORDER BY id;
SELECT id, side, area FROM public.shapes ORDER BY id;
