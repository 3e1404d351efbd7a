-- what this covers: defaults added, changed (literal, expression, SQL value function, nextval, jsonb) and dropped.

CREATE SEQUENCE public.ticket_seq;
CREATE TABLE public.settings (
  id int PRIMARY KEY,
  a int DEFAULT 0,
  b text DEFAULT 'y',
  c timestamptz,
  d int DEFAULT (1 + 1),
  e date DEFAULT (CURRENT_DATE + 1),
  f bigint DEFAULT nextval('public.ticket_seq'),
  g jsonb DEFAULT '{"v": 1}'
);
