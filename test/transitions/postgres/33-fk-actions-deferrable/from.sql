CREATE TABLE public.parents (
  id int PRIMARY KEY,
  alt int UNIQUE
);
CREATE TABLE public.children (
  id int PRIMARY KEY,
  a int CONSTRAINT children_a_fkey REFERENCES public.parents (id),
  b int CONSTRAINT children_b_fkey REFERENCES public.parents (id) ON DELETE CASCADE,
  c int CONSTRAINT children_c_fkey REFERENCES public.parents (id),
  d int CONSTRAINT children_d_fkey REFERENCES public.parents (id) DEFERRABLE INITIALLY DEFERRED,
  e int CONSTRAINT children_e_fkey REFERENCES public.parents (id)
);
