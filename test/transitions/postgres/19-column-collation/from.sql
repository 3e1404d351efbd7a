CREATE TABLE public.names (
  id int PRIMARY KEY,
  a text,
  b text COLLATE "C",
  c varchar(30) COLLATE "POSIX"
);
CREATE INDEX names_b_idx ON public.names (b);
