CREATE TABLE public.contacts (
  id int PRIMARY KEY,
  email text,
  phone text NOT NULL,
  fax text NOT NULL DEFAULT ''
);
