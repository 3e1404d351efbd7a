CREATE TABLE public.t (
  id bigint PRIMARY KEY,
  a bigint,
  b bigint
);
CREATE SEQUENCE public.s_incr;
CREATE SEQUENCE public.s_cache CACHE 1;
CREATE SEQUENCE public.s_start START 1;
CREATE SEQUENCE public.s_type AS integer;
CREATE SEQUENCE public.s_own;
CREATE SEQUENCE public.s_disown OWNED BY public.t.b;
