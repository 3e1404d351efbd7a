SELECT public.add_tax(10), public.next_level(1), public.default_code();
SELECT id, code FROM public.t;
