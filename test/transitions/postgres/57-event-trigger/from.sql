CREATE FUNCTION public.evt_noop() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  NULL;
END
$$;
CREATE EVENT TRIGGER evt_drop_me ON ddl_command_end EXECUTE FUNCTION public.evt_noop();
CREATE EVENT TRIGGER evt_disable_me ON sql_drop EXECUTE FUNCTION public.evt_noop();
CREATE EVENT TRIGGER evt_tags ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION public.evt_noop();
