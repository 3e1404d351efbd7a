CREATE TABLE public.departments (
  id int PRIMARY KEY,
  manager_id int
);
CREATE TABLE public.employees (
  id int PRIMARY KEY,
  department_id int
);
