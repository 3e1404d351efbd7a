-- what this covers: triggers added (row-level with UPDATE OF, statement-level with arguments, on a view INSTEAD OF) and one dropped.

CREATE TABLE public.items (
  id int PRIMARY KEY,
  name text NOT NULL,
  updated_at timestamptz
);
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := '2000-01-01 00:00:00+00';
  RETURN NEW;
END
$$;
CREATE FUNCTION public.forbid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'forbidden';
END
$$;
CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END
$$;
CREATE VIEW public.v_items AS SELECT id, name FROM public.items;
CREATE TRIGGER items_touch BEFORE UPDATE OF name ON public.items FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE TRIGGER items_truncate BEFORE TRUNCATE ON public.items FOR EACH STATEMENT EXECUTE FUNCTION public.forbid('no', 'truncate');
CREATE TRIGGER v_items_insert INSTEAD OF INSERT ON public.v_items FOR EACH ROW EXECUTE FUNCTION public.noop();
