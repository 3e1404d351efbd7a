-- what this covers: the type of a column a stored generated column reads changes (PostgreSQL refuses while the generated column exists); values recomputed.

CREATE TABLE public.lines (
  id int PRIMARY KEY,
  qty bigint NOT NULL,
  double_qty int GENERATED ALWAYS AS (qty * 2) STORED
);
