-- what this covers: view options: security_barrier set, LOCAL check option added, CASCADED check option removed, security_barrier swapped for security_invoker.

CREATE TABLE public.docs (
  id int PRIMARY KEY,
  owner text NOT NULL,
  public boolean NOT NULL
);
CREATE VIEW public.v_barrier WITH (security_barrier=true) AS SELECT id, owner FROM public.docs WHERE public;
CREATE VIEW public.v_local AS SELECT id, owner, public FROM public.docs WHERE public WITH LOCAL CHECK OPTION;
CREATE VIEW public.v_cascaded AS SELECT id, owner, public FROM public.docs WHERE public;
CREATE VIEW public.v_invoker WITH (security_invoker=true) AS SELECT id FROM public.docs;
