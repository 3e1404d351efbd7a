-- what this covers: dropping a referencing table and a referenced table whose FK (in a kept table) must go first.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES public.users (id),
  tag_id int
);
