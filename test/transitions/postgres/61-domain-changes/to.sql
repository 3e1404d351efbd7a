-- what this covers: domain default, NOT NULL and CHECK added, dropped and changed, on domains used by a table with rows.

CREATE DOMAIN public.d_default_add AS int DEFAULT 0;
CREATE DOMAIN public.d_default_drop AS int;
CREATE DOMAIN public.d_notnull_add AS text NOT NULL;
CREATE DOMAIN public.d_notnull_drop AS text;
CREATE DOMAIN public.d_check_add AS int CONSTRAINT d_check_add_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN public.d_check_drop AS int;
CREATE DOMAIN public.d_check_change AS text CONSTRAINT d_check_change_len CHECK (length(VALUE) < 20);
CREATE TABLE public.uses (
  id int PRIMARY KEY,
  a public.d_default_add,
  b public.d_notnull_add,
  c public.d_check_add,
  d public.d_check_change
);
