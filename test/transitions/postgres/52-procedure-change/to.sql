-- what this covers: a procedure body changed (CREATE OR REPLACE) and a procedure's arguments changed (drop + create).

CREATE TABLE public.audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  msg text NOT NULL
);
CREATE PROCEDURE public.log_msg(m text) LANGUAGE sql AS $$ INSERT INTO public.audit (msg) VALUES (upper(m)) $$;
CREATE PROCEDURE public.purge(keep_last int DEFAULT 0) LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM public.audit WHERE id <= (SELECT coalesce(max(id), 0) - keep_last FROM public.audit);
END
$$;
