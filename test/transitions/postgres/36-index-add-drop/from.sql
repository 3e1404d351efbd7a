CREATE TABLE public.events (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb
);
CREATE INDEX events_kind_idx ON public.events (kind);
