-- what this covers: column collation set, changed (on an indexed column) and removed, with rows.

CREATE TABLE public.names (
  id int PRIMARY KEY,
  a text COLLATE "C",
  b text COLLATE "POSIX",
  c varchar(30)
);
CREATE INDEX names_b_idx ON public.names (b);
