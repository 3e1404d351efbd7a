SELECT public.my_sum(x), public.join_all(x::text) FROM (VALUES (1), (2)) v(x);
