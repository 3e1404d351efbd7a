CREATE TABLE public.products (
  id int PRIMARY KEY,
  price numeric NOT NULL,
  discount numeric NOT NULL DEFAULT 0,
  stock int NOT NULL DEFAULT 0,
  sku text NOT NULL,
  CONSTRAINT products_stock_check CHECK (stock >= 0),
  CONSTRAINT products_discount_check CHECK (discount < 100)
);
