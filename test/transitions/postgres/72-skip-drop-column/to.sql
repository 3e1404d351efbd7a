-- what this covers: skip policy drop_column: the column missing from the desired state stays (with its data); the added column is added.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  email text
);
