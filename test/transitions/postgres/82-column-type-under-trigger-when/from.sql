CREATE TABLE public.stock (
  id int PRIMARY KEY,
  qty int NOT NULL,
  changes int NOT NULL DEFAULT 0
);
CREATE FUNCTION public.count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changes := OLD.changes + 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER stock_qty_changed BEFORE UPDATE ON public.stock FOR EACH ROW WHEN (OLD.qty IS DISTINCT FROM NEW.qty) EXECUTE FUNCTION public.count_change();
