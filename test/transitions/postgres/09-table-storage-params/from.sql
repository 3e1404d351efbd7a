CREATE TABLE public.t_add (id int);
CREATE TABLE public.t_change (id int) WITH (fillfactor=70);
CREATE TABLE public.t_reset (id int) WITH (fillfactor=50, autovacuum_enabled=false);
