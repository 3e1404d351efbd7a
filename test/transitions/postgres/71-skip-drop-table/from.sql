CREATE TABLE public.users (
  id bigint PRIMARY KEY
);
CREATE TABLE public.legacy_logs (
  id bigint PRIMARY KEY,
  line text
);
