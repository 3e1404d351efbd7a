SELECT c.id, k.id FROM public.cities c LEFT JOIN public.countries k ON k.code = c.country_code ORDER BY c.id;
