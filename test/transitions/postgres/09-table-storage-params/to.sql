-- what this covers: table storage parameters set, changed/extended and reset (listed by name: pg_dump prints them in stored order, the model sorts them).

CREATE TABLE public.t_add (id int) WITH (fillfactor=70);
CREATE TABLE public.t_change (id int) WITH (autovacuum_enabled=false, fillfactor=90);
CREATE TABLE public.t_reset (id int);
