-- what this covers: dropping a schema that still holds a table (with an FK into public), an enum, a view and a function.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
