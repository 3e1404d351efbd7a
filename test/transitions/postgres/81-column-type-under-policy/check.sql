SELECT id, owner_id, body FROM public.notes;
