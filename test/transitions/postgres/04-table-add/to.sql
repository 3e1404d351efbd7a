-- what this covers: a new table with identity PK, FK to an existing table, unique, check, index and comments.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL UNIQUE
);

CREATE TABLE public.posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
  slug text NOT NULL,
  title varchar(200) NOT NULL,
  body text,
  published_at timestamptz,
  CONSTRAINT posts_slug_key UNIQUE (slug),
  CONSTRAINT posts_title_check CHECK (length(title) > 0)
);
CREATE INDEX posts_author_published_idx ON public.posts (author_id, published_at DESC);
COMMENT ON TABLE public.posts IS 'blog posts';
COMMENT ON COLUMN public.posts.slug IS 'URL part';
