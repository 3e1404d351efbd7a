-- what this covers: sequences added (with options, one used by a new NOT NULL column default on a table with rows, one in a new schema) and dropped.

CREATE SEQUENCE public.kept_seq;
CREATE SEQUENCE public.ticket_seq AS integer START 100 INCREMENT 2 CACHE 10;
COMMENT ON SEQUENCE public.ticket_seq IS 'ticket numbers';
CREATE TABLE public.t (
  id bigint PRIMARY KEY DEFAULT nextval('public.kept_seq'),
  ticket int NOT NULL DEFAULT nextval('public.ticket_seq')
);
CREATE SCHEMA counters;
CREATE SEQUENCE counters.global_seq MINVALUE -100 START -100 CYCLE;
