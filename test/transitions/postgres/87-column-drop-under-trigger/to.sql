-- what this covers: a column named by a trigger's UPDATE OF is dropped while the trigger moves to another column: the trigger must change before the drop.

CREATE TABLE public.docs (
  id int PRIMARY KEY,
  title text,
  body text,
  edits int NOT NULL DEFAULT 0
);
CREATE FUNCTION public.count_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.edits := OLD.edits + 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER docs_edit BEFORE UPDATE OF body ON public.docs FOR EACH ROW EXECUTE FUNCTION public.count_edit();
