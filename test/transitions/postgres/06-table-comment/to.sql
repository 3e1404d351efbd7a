-- what this covers: table comments changed, added (with a quote and a backslash) and removed.

CREATE TABLE public.a (id int);
COMMENT ON TABLE public.a IS 'new';
CREATE TABLE public.b (id int);
COMMENT ON TABLE public.b IS E'it''s a path: C:\\data';
CREATE TABLE public.c (id int);
