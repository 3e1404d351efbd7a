-- what this covers: columns dropped that carry an index, a multi-column index and a check constraint; other data kept.

CREATE TABLE public.products (
  id int PRIMARY KEY,
  sku text NOT NULL,
  price numeric(10,2) NOT NULL
);
