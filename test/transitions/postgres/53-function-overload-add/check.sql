SELECT public.describe(1), public.describe('a'::text), public.describe(1, 2), public.describe(1.5, 2.5, 3.5);
