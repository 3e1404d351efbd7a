-- what this covers: indexes added (multi-column DESC NULLS LAST, GIN with opclass, storage params, comment) and one dropped.

CREATE TABLE public.events (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb
);
CREATE INDEX events_kind_at_idx ON public.events (kind, at DESC NULLS LAST);
CREATE INDEX events_payload_idx ON public.events USING gin (payload jsonb_path_ops);
CREATE INDEX events_at_idx ON public.events (at) WITH (fillfactor=80);
COMMENT ON INDEX public.events_at_idx IS 'time range scans';
