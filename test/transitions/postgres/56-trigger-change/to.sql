-- what this covers: triggers changed: events (INSERT -> INSERT OR UPDATE), WHEN added, enabled -> disabled, disabled -> enabled, ENABLE ALWAYS.

CREATE TABLE public.items (
  id int PRIMARY KEY,
  name text NOT NULL,
  qty int NOT NULL DEFAULT 0,
  hits int NOT NULL DEFAULT 0
);
CREATE FUNCTION public.bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.hits := OLD.hits + 1;
  RETURN NEW;
END
$$;
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END
$$;
CREATE TRIGGER t_events AFTER INSERT OR UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.audit();
CREATE TRIGGER t_when BEFORE UPDATE ON public.items FOR EACH ROW WHEN (OLD.qty IS DISTINCT FROM NEW.qty) EXECUTE FUNCTION public.bump();
CREATE TRIGGER t_disable AFTER DELETE ON public.items FOR EACH ROW EXECUTE FUNCTION public.audit();
ALTER TABLE public.items DISABLE TRIGGER t_disable;
CREATE TRIGGER t_enable AFTER UPDATE ON public.items FOR EACH STATEMENT EXECUTE FUNCTION public.audit();
CREATE TRIGGER t_always AFTER INSERT ON public.items FOR EACH STATEMENT EXECUTE FUNCTION public.audit();
ALTER TABLE public.items ENABLE ALWAYS TRIGGER t_always;
