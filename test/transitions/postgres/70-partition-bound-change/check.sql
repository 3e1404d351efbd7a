SELECT tableoid::regclass, id, score FROM public.scores ORDER BY id;
