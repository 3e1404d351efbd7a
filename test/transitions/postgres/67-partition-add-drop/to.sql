-- what this covers: a range partition dropped and one added (it inherits the parent's PK and index); rows in the kept partition survive.

CREATE TABLE public.measurements (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  value numeric,
  PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE public.measurements_2024 PARTITION OF public.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.measurements_2025 PARTITION OF public.measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurements_taken_on_idx ON public.measurements (taken_on);
