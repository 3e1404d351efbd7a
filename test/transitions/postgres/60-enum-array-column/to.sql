-- what this covers: an enum used as an array column element gets a value removed and one added: re-created with the array column converted.

CREATE TYPE public.color AS ENUM ('red', 'blue', 'yellow');
CREATE TABLE public.palettes (
  id int PRIMARY KEY,
  colors public.color[] NOT NULL DEFAULT '{red}'
);
