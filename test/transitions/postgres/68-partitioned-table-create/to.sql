-- what this covers: new partitioned tables (LIST with a DEFAULT partition, an FK and a parent index; HASH) created with their partitions.

CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.events (
  id bigint NOT NULL,
  kind text NOT NULL,
  user_id int REFERENCES public.users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (id, kind)
) PARTITION BY LIST (kind);
CREATE TABLE public.events_click PARTITION OF public.events FOR VALUES IN ('click');
CREATE TABLE public.events_view PARTITION OF public.events FOR VALUES IN ('view', 'impression');
CREATE TABLE public.events_other PARTITION OF public.events DEFAULT;
CREATE INDEX events_created_at_idx ON public.events (created_at);
CREATE TABLE public.sessions (
  id bigint NOT NULL,
  data jsonb
) PARTITION BY HASH (id);
CREATE TABLE public.sessions_0 PARTITION OF public.sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.sessions_1 PARTITION OF public.sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);
