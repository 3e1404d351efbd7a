-- what this covers: event triggers added, dropped, disabled, and their tag filter changed.

CREATE FUNCTION public.evt_noop() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  NULL;
END
$$;
CREATE EVENT TRIGGER evt_disable_me ON sql_drop EXECUTE FUNCTION public.evt_noop();
ALTER EVENT TRIGGER evt_disable_me DISABLE;
CREATE EVENT TRIGGER evt_tags ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.evt_noop();
CREATE EVENT TRIGGER evt_added ON table_rewrite EXECUTE FUNCTION public.evt_noop();
COMMENT ON EVENT TRIGGER evt_added IS 'watches rewrites';
