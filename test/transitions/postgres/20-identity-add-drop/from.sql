CREATE TABLE public.t_add (
  id int NOT NULL PRIMARY KEY,
  v text
);
CREATE TABLE public.t_drop (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  v text
);
