-- what this covers: an index made unique, a unique index made plain, and new unique indexes (partial, NULLS NOT DISTINCT).

CREATE TABLE public.accounts (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  tenant int,
  handle text
);
CREATE UNIQUE INDEX accounts_email_idx ON public.accounts (email);
CREATE INDEX accounts_handle_idx ON public.accounts (handle);
CREATE UNIQUE INDEX accounts_tenant_email_idx ON public.accounts (tenant, lower(email)) WHERE tenant IS NOT NULL;
CREATE UNIQUE INDEX accounts_tenant_handle_idx ON public.accounts (tenant, handle) NULLS NOT DISTINCT;
