-- what this covers: a range type added (with subtype_diff) and used by a new column.

CREATE TYPE public.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE TABLE public.readings (
  id int PRIMARY KEY,
  span public.floatrange
);
