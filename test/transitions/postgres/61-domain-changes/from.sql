CREATE DOMAIN public.d_default_add AS int;
CREATE DOMAIN public.d_default_drop AS int DEFAULT 5;
CREATE DOMAIN public.d_notnull_add AS text;
CREATE DOMAIN public.d_notnull_drop AS text NOT NULL;
CREATE DOMAIN public.d_check_add AS int;
CREATE DOMAIN public.d_check_drop AS int CONSTRAINT d_check_drop_positive CHECK (VALUE > 0);
CREATE DOMAIN public.d_check_change AS text CONSTRAINT d_check_change_len CHECK (length(VALUE) < 10);
CREATE TABLE public.uses (
  id int PRIMARY KEY,
  a public.d_default_add,
  b public.d_notnull_add,
  c public.d_check_add,
  d public.d_check_change
);
