-- what this covers: RLS policies: USING changed, roles changed, command changed (drop + create), a restrictive one added, one dropped.

DO $$
BEGIN
  CREATE ROLE atlas_tr_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
DO $$
BEGIN
  CREATE ROLE atlas_tr_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
CREATE TABLE public.docs (
  id int PRIMARY KEY,
  owner name NOT NULL DEFAULT current_user,
  public boolean NOT NULL DEFAULT false
);
ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY p_using ON public.docs FOR SELECT USING (owner = current_user OR public);
CREATE POLICY p_roles ON public.docs FOR SELECT TO atlas_tr_reader, atlas_tr_writer USING (true);
CREATE POLICY p_command ON public.docs FOR UPDATE TO atlas_tr_writer USING (true) WITH CHECK (owner = current_user);
CREATE POLICY p_add ON public.docs AS RESTRICTIVE FOR INSERT TO atlas_tr_writer WITH CHECK (owner = current_user);
