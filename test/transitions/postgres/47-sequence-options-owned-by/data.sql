SELECT nextval('public.s_incr'), nextval('public.s_incr');
