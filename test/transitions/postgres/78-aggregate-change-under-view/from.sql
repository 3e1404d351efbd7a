CREATE TABLE public.scores (
  id int PRIMARY KEY,
  points int NOT NULL
);
CREATE AGGREGATE public.total_points(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE VIEW public.v_total AS SELECT public.total_points(points) AS total FROM public.scores;
