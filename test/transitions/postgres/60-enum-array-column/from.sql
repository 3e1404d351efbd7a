CREATE TYPE public.color AS ENUM ('red', 'green', 'blue');
CREATE TABLE public.palettes (
  id int PRIMARY KEY,
  colors public.color[] NOT NULL DEFAULT '{red}'
);
