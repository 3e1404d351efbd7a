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
CREATE TRIGGER items_no_delete BEFORE DELETE ON public.items FOR EACH ROW EXECUTE FUNCTION public.forbid();
