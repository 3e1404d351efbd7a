CALL public.log_msg('hello');
SELECT msg FROM public.audit;
