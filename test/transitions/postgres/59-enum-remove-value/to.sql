-- what this covers: an enum value removed while a column (with a default, a check and an index) uses the type and no row uses the value: the type is re-created.

CREATE TYPE public.mood AS ENUM ('happy', 'sad');
CREATE TABLE public.people (
  id int PRIMARY KEY,
  mood public.mood NOT NULL DEFAULT 'happy',
  CONSTRAINT people_mood_check CHECK (mood <> 'sad' OR id > 0)
);
CREATE INDEX people_mood_idx ON public.people (mood);
