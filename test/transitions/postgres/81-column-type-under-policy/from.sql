CREATE TABLE public.notes (
  id int PRIMARY KEY,
  owner_id int NOT NULL,
  body text
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON public.notes USING (owner_id = 1);
