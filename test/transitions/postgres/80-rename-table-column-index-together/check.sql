SELECT o.id, c.email FROM public.orders o JOIN public.client c ON c.id = o.customer_id;
