UPDATE public.docs SET body = 'c' WHERE id = 1;
SELECT id, title, body, edits FROM public.docs;
