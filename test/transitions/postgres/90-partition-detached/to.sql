-- what this covers: a partition becomes a standalone archive table (DETACH PARTITION, not drop + create); its rows survive.

CREATE TABLE public.measurements (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  value numeric
) PARTITION BY RANGE (taken_on);
CREATE TABLE public.measurements_2024 PARTITION OF public.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.measurements_2023 (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  value numeric
);
