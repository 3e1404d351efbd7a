-- what this covers: a stored generated column added to a table with rows (values computed for existing rows).

CREATE TABLE public.lines (
  id int PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty int NOT NULL,
  total numeric GENERATED ALWAYS AS (price * qty) STORED
);
