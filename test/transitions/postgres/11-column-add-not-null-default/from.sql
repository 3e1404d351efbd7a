CREATE TABLE public.tasks (
  id int PRIMARY KEY,
  title text NOT NULL
);
