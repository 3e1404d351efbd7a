-- what this covers: skip policy drop_table: the table missing from the desired state stays (with its rows); the rest of the plan runs.

CREATE TABLE public.users (
  id bigint PRIMARY KEY
);
CREATE TABLE public.audit (
  id bigint PRIMARY KEY,
  msg text
);
