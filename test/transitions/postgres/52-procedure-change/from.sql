CREATE TABLE public.audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  msg text NOT NULL
);
CREATE PROCEDURE public.log_msg(m text) LANGUAGE sql AS $$ INSERT INTO public.audit (msg) VALUES (m) $$;
CREATE PROCEDURE public.purge() LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM public.audit;
END
$$;
