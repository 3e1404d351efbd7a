-- what this covers: partition bounds moved so the growing partition (sorted first) overlaps its neighbour's old range: both must be detached before either is re-attached; rows survive.

CREATE TABLE public.scores (
  id int NOT NULL,
  score int NOT NULL
) PARTITION BY RANGE (score);
CREATE TABLE public.scores_a_low PARTITION OF public.scores FOR VALUES FROM (0) TO (200);
CREATE TABLE public.scores_b_high PARTITION OF public.scores FOR VALUES FROM (200) TO (1000);
