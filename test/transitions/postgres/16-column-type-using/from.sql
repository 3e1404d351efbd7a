CREATE TABLE public.orders (
  id int PRIMARY KEY,
  qty text NOT NULL,
  ref varchar(36)
);
