-- what this covers: widening types with rows: varchar(20)->varchar(50) (uniquely indexed), varchar->text, numeric precision, smallint->int, real->double.

CREATE TABLE public.items (
  id int PRIMARY KEY,
  code varchar(50) NOT NULL,
  label text,
  price numeric(12,2),
  qty integer,
  ratio double precision
);
CREATE UNIQUE INDEX items_code_key ON public.items (code);
