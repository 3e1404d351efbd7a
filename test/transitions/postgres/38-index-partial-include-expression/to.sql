-- what this covers: partial predicate changed/removed, INCLUDE list changed, and index expression changed.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  name text,
  active boolean NOT NULL DEFAULT true,
  deleted_at timestamptz
);
CREATE INDEX users_active_idx ON public.users (id) WHERE active AND deleted_at IS NULL;
CREATE INDEX users_email_cover_idx ON public.users (email) INCLUDE (name, active);
CREATE INDEX users_email_expr_idx ON public.users (lower(btrim(email)));
CREATE INDEX users_name_partial_idx ON public.users (name);
