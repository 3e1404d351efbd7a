CREATE TABLE public.docs (
  id int PRIMARY KEY,
  owner text NOT NULL,
  public boolean NOT NULL
);
CREATE VIEW public.v_barrier AS SELECT id, owner FROM public.docs WHERE public;
CREATE VIEW public.v_local AS SELECT id, owner, public FROM public.docs WHERE public;
CREATE VIEW public.v_cascaded AS SELECT id, owner, public FROM public.docs WHERE public WITH CASCADED CHECK OPTION;
CREATE VIEW public.v_invoker WITH (security_barrier=true) AS SELECT id FROM public.docs;
