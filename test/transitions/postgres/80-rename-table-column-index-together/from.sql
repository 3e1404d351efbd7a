CREATE TABLE public.customer (
  id bigint NOT NULL,
  mail text NOT NULL,
  CONSTRAINT client_pkey PRIMARY KEY (id)
);
CREATE INDEX customer_mail_idx ON public.customer (mail);
CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  customer_id bigint CONSTRAINT orders_client_fkey REFERENCES public.customer (id)
);
