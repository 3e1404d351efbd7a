-- what this covers: skip policy add_index: the new index is left out (and stays absent) while dropping another index still happens.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  team int
);
CREATE INDEX users_email_idx ON public.users (email);
