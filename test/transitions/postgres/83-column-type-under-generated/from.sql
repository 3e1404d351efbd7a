CREATE TABLE public.lines (
  id int PRIMARY KEY,
  qty int NOT NULL,
  double_qty int GENERATED ALWAYS AS (qty * 2) STORED
);
