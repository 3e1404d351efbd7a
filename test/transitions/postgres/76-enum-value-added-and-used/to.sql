-- what this covers: an enum value added and used by a default and a check in the same plan (PostgreSQL refuses a new value before the ADD VALUE commits).

CREATE TYPE public.status AS ENUM ('pending', 'active', 'closed');
CREATE TABLE public.accounts (
  id int PRIMARY KEY,
  status public.status NOT NULL DEFAULT 'pending',
  CONSTRAINT accounts_status_check CHECK (status <> 'pending' OR id > 0)
);
