-- what this covers: checks added (validated), dropped, changed (expression), and added NOT VALID over rows that violate it.

CREATE TABLE public.products (
  id int PRIMARY KEY,
  price numeric NOT NULL,
  discount numeric NOT NULL DEFAULT 0,
  stock int NOT NULL DEFAULT 0,
  sku text NOT NULL,
  CONSTRAINT products_price_check CHECK (price > 0),
  CONSTRAINT products_discount_check CHECK (discount >= 0 AND discount <= 50)
);
ALTER TABLE public.products ADD CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z]+-[0-9]+$') NOT VALID;
