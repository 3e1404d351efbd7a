-- what this covers: SET NOT NULL on a column whose rows have no NULLs, DROP NOT NULL on others (one with a default kept).

CREATE TABLE public.contacts (
  id int PRIMARY KEY,
  email text NOT NULL,
  phone text,
  fax text DEFAULT ''
);
