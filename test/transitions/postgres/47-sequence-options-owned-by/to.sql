-- what this covers: sequence options changed (increment/max/cycle, cache, start, data type) and OWNED BY set and removed.

CREATE TABLE public.t (
  id bigint PRIMARY KEY,
  a bigint,
  b bigint
);
CREATE SEQUENCE public.s_incr INCREMENT 5 MAXVALUE 1000 CYCLE;
CREATE SEQUENCE public.s_cache CACHE 20;
CREATE SEQUENCE public.s_start START 100;
CREATE SEQUENCE public.s_type AS bigint;
CREATE SEQUENCE public.s_own OWNED BY public.t.a;
CREATE SEQUENCE public.s_disown;
