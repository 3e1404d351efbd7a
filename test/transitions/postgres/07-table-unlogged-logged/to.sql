-- what this covers: an unlogged table becomes logged and a logged one unlogged, rows kept.

CREATE TABLE public.cache (
  key text PRIMARY KEY,
  value jsonb
);
CREATE UNLOGGED TABLE public.scratch (
  id int PRIMARY KEY,
  note text
);
