CREATE TABLE public.accounts (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  tenant int,
  handle text
);
CREATE INDEX accounts_email_idx ON public.accounts (email);
CREATE UNIQUE INDEX accounts_handle_idx ON public.accounts (handle);
