-- what this covers: indexes renamed with -- atlas:renamed_from (statement-level), keeping them instead of drop + create.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  created_at timestamptz
);
-- atlas:renamed_from idx_email
CREATE UNIQUE INDEX users_email_lower_key ON public.users (lower(email));
-- atlas:renamed_from idx_created
CREATE INDEX users_created_at_idx ON public.users (created_at);
