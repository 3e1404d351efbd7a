-- what this covers: the type of a column an RLS policy reads changes (PostgreSQL refuses while the policy exists): the policy is dropped and re-created around it.

CREATE TABLE public.notes (
  id int PRIMARY KEY,
  owner_id bigint NOT NULL,
  body text
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON public.notes USING (owner_id = 1);
