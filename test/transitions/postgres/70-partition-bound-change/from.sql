CREATE TABLE public.scores (
  id int NOT NULL,
  score int NOT NULL
) PARTITION BY RANGE (score);
CREATE TABLE public.scores_a_low PARTITION OF public.scores FOR VALUES FROM (0) TO (100);
CREATE TABLE public.scores_b_high PARTITION OF public.scores FOR VALUES FROM (100) TO (1000);
