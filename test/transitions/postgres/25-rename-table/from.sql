CREATE TABLE public.users (
  id bigint NOT NULL,
  email text NOT NULL,
  CONSTRAINT account_pkey PRIMARY KEY (id)
);
CREATE INDEX account_email_idx ON public.users (email);
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  author_id bigint NOT NULL CONSTRAINT posts_author_fkey REFERENCES public.users (id)
);
CREATE VIEW public.user_emails AS SELECT id, email FROM public.users;
