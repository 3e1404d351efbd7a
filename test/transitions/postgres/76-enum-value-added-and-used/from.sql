CREATE TYPE public.status AS ENUM ('active', 'closed');
CREATE TABLE public.accounts (
  id int PRIMARY KEY,
  status public.status NOT NULL DEFAULT 'active'
);
