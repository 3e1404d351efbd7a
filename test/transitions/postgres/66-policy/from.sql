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
CREATE POLICY p_using ON public.docs FOR SELECT USING (owner = current_user);
CREATE POLICY p_roles ON public.docs FOR SELECT TO atlas_tr_reader USING (true);
CREATE POLICY p_command ON public.docs FOR SELECT TO atlas_tr_writer USING (true);
CREATE POLICY p_drop ON public.docs FOR DELETE USING (false);
