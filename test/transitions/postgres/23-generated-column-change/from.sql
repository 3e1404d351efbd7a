CREATE TABLE public.lines (
  id int PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty int NOT NULL,
  total numeric GENERATED ALWAYS AS (price * qty) STORED
);
CREATE TABLE public.shapes (
  id int PRIMARY KEY,
  side int NOT NULL,
  area int GENERATED ALWAYS AS (side * side) STORED
);
