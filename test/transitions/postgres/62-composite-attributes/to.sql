-- what this covers: composite type attributes added and dropped while a table column with rows uses the type.

CREATE TYPE public.address AS (
  street text,
  city text,
  country char(2)
);
CREATE TABLE public.customers (
  id int PRIMARY KEY,
  home public.address
);
CREATE TYPE public.point3 AS (x float8, y float8, z float8);
