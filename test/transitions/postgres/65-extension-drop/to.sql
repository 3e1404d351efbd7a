-- what this covers: extensions dropped after the column and index that use them; a kept extension (citext) is untouched.

CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE public.users (
  id int PRIMARY KEY,
  name text NOT NULL,
  email public.citext
);
