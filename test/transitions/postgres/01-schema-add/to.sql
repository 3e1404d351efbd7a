-- what this covers: a new schema holding an enum, a sequence and a table with a foreign key back into public.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL
);

CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'invoices and payments';
CREATE TYPE billing.status AS ENUM ('open', 'paid');
CREATE SEQUENCE billing.invoice_no START 1000;
CREATE TABLE billing.invoices (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES public.users (id),
  invoice_no bigint NOT NULL DEFAULT nextval('billing.invoice_no'),
  status billing.status NOT NULL DEFAULT 'open'
);
CREATE INDEX invoices_user_id_idx ON billing.invoices (user_id);
