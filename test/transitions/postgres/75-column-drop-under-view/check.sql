SELECT * FROM public.v_users;
SELECT * FROM public.v_user_names;
