CREATE TABLE public.products (
  id int PRIMARY KEY,
  sku text NOT NULL,
  legacy_code text,
  weight numeric(8,2) CONSTRAINT products_weight_check CHECK (weight > 0),
  price numeric(10,2) NOT NULL
);
CREATE INDEX products_legacy_code_idx ON public.products (legacy_code);
CREATE INDEX products_sku_weight_idx ON public.products (sku, weight);
