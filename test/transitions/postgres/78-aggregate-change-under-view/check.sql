SELECT total FROM public.v_total;
