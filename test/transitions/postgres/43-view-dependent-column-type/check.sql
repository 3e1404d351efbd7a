SELECT id, amount, pg_typeof(amount) FROM public.v_big_payments ORDER BY id;
SELECT id, note FROM public.v_payments ORDER BY id;
