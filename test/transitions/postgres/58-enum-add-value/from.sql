CREATE TYPE public.status AS ENUM ('draft', 'published');
CREATE TABLE public.posts (
  id int PRIMARY KEY,
  status public.status NOT NULL DEFAULT 'draft'
);
