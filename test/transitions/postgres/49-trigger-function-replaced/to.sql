-- what this covers: the function a trigger runs is replaced by another (old one dropped): the trigger must be re-created before the drop.

CREATE TABLE public.docs (
  id int PRIMARY KEY,
  body text,
  updated_at timestamptz
);
CREATE FUNCTION public.touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := '2000-01-01 00:00:00+00';
  RETURN NEW;
END
$$;
CREATE TRIGGER docs_touch BEFORE UPDATE ON public.docs FOR EACH ROW EXECUTE FUNCTION public.touch_row();
