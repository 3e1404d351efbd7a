-- what this covers: FK actions changed (ON DELETE/ON UPDATE), deferrability toggled, and the referenced column changed.

CREATE TABLE public.parents (
  id int PRIMARY KEY,
  alt int UNIQUE
);
CREATE TABLE public.children (
  id int PRIMARY KEY,
  a int CONSTRAINT children_a_fkey REFERENCES public.parents (id) ON DELETE CASCADE ON UPDATE SET NULL,
  b int CONSTRAINT children_b_fkey REFERENCES public.parents (id) ON DELETE RESTRICT,
  c int CONSTRAINT children_c_fkey REFERENCES public.parents (id) DEFERRABLE INITIALLY DEFERRED,
  d int CONSTRAINT children_d_fkey REFERENCES public.parents (id) DEFERRABLE,
  e int CONSTRAINT children_e_fkey REFERENCES public.parents (alt)
);
