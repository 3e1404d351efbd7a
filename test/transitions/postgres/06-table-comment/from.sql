CREATE TABLE public.a (id int);
COMMENT ON TABLE public.a IS 'old';
CREATE TABLE public.b (id int);
CREATE TABLE public.c (id int);
COMMENT ON TABLE public.c IS 'going away';
