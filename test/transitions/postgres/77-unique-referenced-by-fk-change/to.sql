-- what this covers: a unique constraint referenced by an FK is re-created (NULLS NOT DISTINCT): the FK must be dropped first and re-added after.

CREATE TABLE public.countries (
  id int PRIMARY KEY,
  code char(2),
  CONSTRAINT countries_code_key UNIQUE NULLS NOT DISTINCT (code)
);
CREATE TABLE public.cities (
  id int PRIMARY KEY,
  country_code char(2) CONSTRAINT cities_country_fkey REFERENCES public.countries (code)
);
