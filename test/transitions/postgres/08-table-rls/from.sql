CREATE TABLE public.t_enable (id int);
CREATE TABLE public.t_force (id int);
ALTER TABLE public.t_force ENABLE ROW LEVEL SECURITY;
CREATE TABLE public.t_disable (id int);
ALTER TABLE public.t_disable ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.t_disable FORCE ROW LEVEL SECURITY;
CREATE TABLE public.t_unforce (id int);
ALTER TABLE public.t_unforce ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.t_unforce FORCE ROW LEVEL SECURITY;
