-- what this covers: row level security enabled, forced, disabled, and un-forced while staying enabled.

CREATE TABLE public.t_enable (id int);
ALTER TABLE public.t_enable ENABLE ROW LEVEL SECURITY;
CREATE TABLE public.t_force (id int);
ALTER TABLE public.t_force ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.t_force FORCE ROW LEVEL SECURITY;
CREATE TABLE public.t_disable (id int);
CREATE TABLE public.t_unforce (id int);
ALTER TABLE public.t_unforce ENABLE ROW LEVEL SECURITY;
