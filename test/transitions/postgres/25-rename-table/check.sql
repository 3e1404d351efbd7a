SELECT id, email FROM public.accounts ORDER BY id;
SELECT p.id, a.email FROM public.posts p JOIN public.accounts a ON a.id = p.author_id;
SELECT count(*) FROM public.user_emails;
