-- what this covers: a table, one of its columns and its index renamed in one plan (hints on all three), with an FK pointing at the table; rows survive.

-- atlas:renamed_from customer
CREATE TABLE public.client (
  id bigint NOT NULL,
  -- atlas:renamed_from mail
  email text NOT NULL,
  CONSTRAINT client_pkey PRIMARY KEY (id)
);
-- atlas:renamed_from customer_mail_idx
CREATE INDEX client_email_idx ON public.client (email);
CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  customer_id bigint CONSTRAINT orders_client_fkey REFERENCES public.client (id)
);
