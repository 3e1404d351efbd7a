CREATE TYPE public.mood AS ENUM ('happy', 'meh', 'sad');
CREATE TABLE public.people (
  id int PRIMARY KEY,
  mood public.mood NOT NULL DEFAULT 'happy',
  CONSTRAINT people_mood_check CHECK (mood <> 'sad' OR id > 0)
);
CREATE INDEX people_mood_idx ON public.people (mood);
