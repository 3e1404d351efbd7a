UPDATE public.docs SET body = 'y' WHERE id = 1 RETURNING id, body, updated_at AT TIME ZONE 'UTC';
