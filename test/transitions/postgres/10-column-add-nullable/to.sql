-- what this covers: nullable columns of several types added to a table with rows.

CREATE TABLE public.people (
  id int PRIMARY KEY,
  name text NOT NULL,
  email varchar(320),
  age smallint,
  tags text[],
  meta jsonb,
  born date
);
