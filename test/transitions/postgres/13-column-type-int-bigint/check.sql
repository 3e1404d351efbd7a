SELECT a.id, a.balance, e.id, e.amount FROM public.accounts a JOIN public.entries e ON e.account_id = a.id ORDER BY e.id;
SELECT pg_typeof(amount) FROM public.entries LIMIT 1;
