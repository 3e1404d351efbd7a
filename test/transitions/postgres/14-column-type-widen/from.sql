CREATE TABLE public.items (
  id int PRIMARY KEY,
  code varchar(20) NOT NULL,
  label varchar(10),
  price numeric(8,2),
  qty smallint,
  ratio real
);
CREATE UNIQUE INDEX items_code_key ON public.items (code);
