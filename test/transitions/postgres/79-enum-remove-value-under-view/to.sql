-- what this covers: an enum value removed while a view and a function use the type: both must be dropped and re-created around the type re-creation.

CREATE TYPE public.mood AS ENUM ('happy', 'sad');
CREATE TABLE public.people (
  id int PRIMARY KEY,
  mood public.mood NOT NULL
);
CREATE VIEW public.v_happy AS SELECT id, mood FROM public.people WHERE mood = 'happy';
CREATE FUNCTION public.is_sad(m public.mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT m = 'sad' $$;
