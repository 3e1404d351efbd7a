DELETE FROM public.items WHERE id = 2;
UPDATE public.items SET name = 'z' WHERE id = 1;
SELECT id, name, updated_at AT TIME ZONE 'UTC' FROM public.items ORDER BY id;
