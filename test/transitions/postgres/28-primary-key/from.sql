CREATE TABLE public.t_add (
  id int,
  v text
);
CREATE TABLE public.t_drop (
  id int PRIMARY KEY,
  v text
);
CREATE TABLE public.t_change (
  id int NOT NULL,
  version int NOT NULL,
  v text,
  CONSTRAINT t_change_pkey PRIMARY KEY (id)
);
CREATE TABLE public.t_rename (
  id int CONSTRAINT t_rename_old_pk PRIMARY KEY
);
