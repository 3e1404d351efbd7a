CREATE SEQUENCE public.old_seq;
CREATE SEQUENCE public.kept_seq;
CREATE TABLE public.t (
  id bigint PRIMARY KEY DEFAULT nextval('public.kept_seq')
);
