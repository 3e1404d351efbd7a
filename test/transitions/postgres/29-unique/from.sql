CREATE TABLE public.t_add (
  id int PRIMARY KEY,
  email text
);
CREATE TABLE public.t_drop (
  id int PRIMARY KEY,
  code text CONSTRAINT t_drop_code_key UNIQUE
);
CREATE TABLE public.t_nulls (
  id int PRIMARY KEY,
  a int,
  b int,
  CONSTRAINT t_nulls_a_b_key UNIQUE (a, b)
);
CREATE TABLE public.t_cols (
  id int PRIMARY KEY,
  a int,
  b int,
  CONSTRAINT t_cols_key UNIQUE (a)
);
