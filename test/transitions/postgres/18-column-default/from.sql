CREATE SEQUENCE public.ticket_seq;
CREATE TABLE public.settings (
  id int PRIMARY KEY,
  a int,
  b text DEFAULT 'x',
  c timestamptz DEFAULT now(),
  d int DEFAULT 1,
  e date DEFAULT CURRENT_DATE,
  f bigint,
  g jsonb DEFAULT '{}'
);
