-- what this covers: unique constraints added, dropped, switched to NULLS NOT DISTINCT, and changed columns (plus INCLUDE, DEFERRABLE).

CREATE TABLE public.t_add (
  id int PRIMARY KEY,
  email text CONSTRAINT t_add_email_key UNIQUE DEFERRABLE
);
CREATE TABLE public.t_drop (
  id int PRIMARY KEY,
  code text
);
CREATE TABLE public.t_nulls (
  id int PRIMARY KEY,
  a int,
  b int,
  CONSTRAINT t_nulls_a_b_key UNIQUE NULLS NOT DISTINCT (a, b)
);
CREATE TABLE public.t_cols (
  id int PRIMARY KEY,
  a int,
  b int,
  CONSTRAINT t_cols_key UNIQUE (a, b) INCLUDE (id)
);
