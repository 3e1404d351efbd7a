-- what this covers: type changes PostgreSQL casts without USING (int->text, date->timestamp, boolean->text), with rows.

CREATE TABLE public.events (
  id int PRIMARY KEY,
  code text NOT NULL,
  happened timestamp,
  flag text
);
