SELECT public.total_paid();
