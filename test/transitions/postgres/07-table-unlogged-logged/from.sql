CREATE UNLOGGED TABLE public.cache (
  key text PRIMARY KEY,
  value jsonb
);
CREATE TABLE public.scratch (
  id int PRIMARY KEY,
  note text
);
