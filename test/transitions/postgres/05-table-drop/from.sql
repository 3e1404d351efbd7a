CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE public.tags (
  id int PRIMARY KEY,
  label text NOT NULL
);
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES public.users (id),
  tag_id int CONSTRAINT posts_tag_id_fkey REFERENCES public.tags (id)
);
CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES public.users (id)
);
