CREATE TABLE public.lines (
  id int PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty int NOT NULL
);
