CREATE TABLE public.countries (
  id int PRIMARY KEY,
  code char(2),
  CONSTRAINT countries_code_key UNIQUE (code)
);
CREATE TABLE public.cities (
  id int PRIMARY KEY,
  country_code char(2) CONSTRAINT cities_country_fkey REFERENCES public.countries (code)
);
