-- what this covers: a generated expression changed (values recomputed) and a generated column turned into a plain one (values kept).

CREATE TABLE public.lines (
  id int PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty int NOT NULL,
  total numeric GENERATED ALWAYS AS (price * qty * 2) STORED
);
CREATE TABLE public.shapes (
  id int PRIMARY KEY,
  side int NOT NULL,
  area int
);
