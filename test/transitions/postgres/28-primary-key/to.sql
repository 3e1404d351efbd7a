-- what this covers: a PK added (column becomes NOT NULL), dropped (NOT NULL stays), changed to two columns, and re-declared under another name.

CREATE TABLE public.t_add (
  id int PRIMARY KEY,
  v text
);
CREATE TABLE public.t_drop (
  id int NOT NULL,
  v text
);
CREATE TABLE public.t_change (
  id int NOT NULL,
  version int NOT NULL,
  v text,
  CONSTRAINT t_change_pkey PRIMARY KEY (id, version)
);
CREATE TABLE public.t_rename (
  id int CONSTRAINT t_rename_pkey PRIMARY KEY
);
