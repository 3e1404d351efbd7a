SELECT nextval('public.s_incr');
