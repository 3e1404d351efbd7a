SELECT id, title, status, priority, created_at IS NOT NULL, labels FROM public.tasks ORDER BY id;
