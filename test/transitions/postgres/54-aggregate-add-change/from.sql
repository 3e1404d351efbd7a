CREATE AGGREGATE public.my_sum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
