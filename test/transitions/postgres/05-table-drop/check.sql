SELECT id, user_id, tag_id FROM public.posts ORDER BY id;
