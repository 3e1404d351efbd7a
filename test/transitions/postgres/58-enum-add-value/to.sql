-- what this covers: enum values added at the start, in the middle and at the end of a type used by a column with rows.

CREATE TYPE public.status AS ENUM ('new', 'draft', 'review', 'published', 'archived');
CREATE TABLE public.posts (
  id int PRIMARY KEY,
  status public.status NOT NULL DEFAULT 'draft'
);
