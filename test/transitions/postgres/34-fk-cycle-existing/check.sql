SELECT d.id, e.id FROM public.departments d JOIN public.employees e ON e.id = d.manager_id;
