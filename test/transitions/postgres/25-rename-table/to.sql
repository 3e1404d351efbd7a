-- what this covers: a table renamed with -- atlas:renamed_from; rows, its index, the FK pointing at it and a view on it survive.

-- atlas:renamed_from users
CREATE TABLE public.accounts (
  id bigint NOT NULL,
  email text NOT NULL,
  CONSTRAINT account_pkey PRIMARY KEY (id)
);
CREATE INDEX account_email_idx ON public.accounts (email);
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  author_id bigint NOT NULL CONSTRAINT posts_author_fkey REFERENCES public.accounts (id)
);
CREATE VIEW public.user_emails AS SELECT id, email FROM public.accounts;
