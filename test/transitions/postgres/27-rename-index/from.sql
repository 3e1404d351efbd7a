CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  created_at timestamptz
);
CREATE UNIQUE INDEX idx_email ON public.users (lower(email));
CREATE INDEX idx_created ON public.users (created_at);
