CREATE TABLE public.events (
  id int PRIMARY KEY,
  code int NOT NULL,
  happened date,
  flag boolean
);
